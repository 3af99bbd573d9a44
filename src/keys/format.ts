/**
 * The API key format, `hk_{env}_{secret}`, as the Hokusai auth service issues it.
 * Everything else in `src/keys/` reads its rules from here.
 */

/**
 * The environment a key belongs to, as the API names it (`environment` field).
 *
 * @example
 * const env: ApiKeyEnvironment = 'production';
 */
export type ApiKeyEnvironment = 'production' | 'test' | 'development';

/**
 * The short code of an environment inside the key itself (`hk_live_…`, `hk_test_…`, `hk_dev_…`).
 *
 * @example
 * const code: ApiKeyEnvCode = 'live'; // a production key
 */
export type ApiKeyEnvCode = 'live' | 'test' | 'dev';

/**
 * Maps each environment code used inside a key to the environment it stands for.
 *
 * @example
 * API_KEY_ENV_CODES.live; // 'production'
 * Object.keys(API_KEY_ENV_CODES); // ['live', 'test', 'dev']
 */
export const API_KEY_ENV_CODES: Readonly<Record<ApiKeyEnvCode, ApiKeyEnvironment>> = /* @__PURE__ */ Object.freeze({
  live: 'production',
  test: 'test',
  dev: 'development',
});

/**
 * Number of characters in the random part of a key (after `hk_{env}_`).
 *
 * @example
 * 'AbCdEfGhIjKlMnOpQrStUvWxYz123456'.length === API_KEY_SECRET_LENGTH; // true
 */
export const API_KEY_SECRET_LENGTH = 32;

/** Every key starts with this. */
export const API_KEY_PREFIX = 'hk_';

/** The 62 characters a secret is drawn from: [A-Za-z0-9]. */
export const API_KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Environment -> code, the inverse of API_KEY_ENV_CODES. */
export const ENV_CODE_BY_ENVIRONMENT: Readonly<Record<ApiKeyEnvironment, ApiKeyEnvCode>> = /* @__PURE__ */ Object.freeze({
  production: 'live',
  test: 'test',
  development: 'dev',
});

/** True when `code` is one of the environment codes a key may carry. */
export function isEnvCode(code: string): code is ApiKeyEnvCode {
  return Object.prototype.hasOwnProperty.call(API_KEY_ENV_CODES, code);
}

/** True for a single character of API_KEY_ALPHABET. */
export function isSecretChar(char: string): boolean {
  return /^[A-Za-z0-9]$/.test(char);
}

/**
 * A whole well-formed key in one regular expression: the verdict of `isApiKey`, cheap enough
 * for a server's hot path. (`parseApiKey` says which rule a value breaks; this only says yes or no.)
 * The spec's `ApiKey` pattern, character for character (test/contract/spec-constants.test.ts).
 */
export const API_KEY_PATTERN = /^hk_(live|test|dev)_[A-Za-z0-9]{32}$/;
