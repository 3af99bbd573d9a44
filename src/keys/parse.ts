import {
  API_KEY_ENV_CODES,
  API_KEY_PREFIX,
  API_KEY_SECRET_LENGTH,
  isEnvCode,
  isSecretChar,
  type ApiKeyEnvCode,
  type ApiKeyEnvironment,
} from './format';
import type { ApiKeyFormatProblem } from './errors';

/**
 * A well-formed API key, split into its parts.
 *
 * @example
 * const parsed = parseApiKey('hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456');
 * if (parsed.ok) parsed.environment; // 'test'
 */
export type ParsedApiKey = {
  ok: true;
  envCode: ApiKeyEnvCode;
  environment: ApiKeyEnvironment;
  prefix: `hk_${ApiKeyEnvCode}_`;
  secret: string;
};

/**
 * Why a value is not a well-formed API key. `message` is meant for people and never
 * contains the value itself (it may be a real key with a typo).
 *
 * @example
 * const parsed = parseApiKey('hk_live_short');
 * if (!parsed.ok) console.log(parsed.reason, parsed.message); // 'wrong_length', '... (got 5)'
 */
export type ApiKeyParseFailure = { ok: false; reason: ApiKeyFormatProblem; message: string };

const EXPECTED_PREFIXES = 'hk_live_, hk_test_ or hk_dev_';

/**
 * Checks the format of an API key (`hk_{live|test|dev}_` + 32 characters of [A-Za-z0-9])
 * and returns its parts, or the first rule it breaks. Does not trim: surrounding whitespace
 * is reported, because a key pasted with a newline is a common mistake worth seeing.
 *
 * Rules are checked in this order and the first failure is reported:
 * 1. `not_a_string`
 * 2. `missing_prefix` — does not start with `hk_`
 * 3. `missing_environment` — no `{env}_` segment after `hk_` (e.g. `hk_AbCd…`, `hk__AbCd…`)
 * 4. `unknown_environment` — a segment that is not `live`, `test` or `dev` (e.g. `hk_prod_…`)
 * 5. `bad_characters` — the secret has a character outside [A-Za-z0-9]
 * 6. `wrong_length` — the secret is not exactly 32 characters
 *
 * Characters come before length on purpose: a key with a stray quote, space or newline has both
 * problems, and "unexpected character at position N" points at the cause, while
 * "got 33 characters" does not.
 *
 * @example
 * parseApiKey('hk_live_AbCdEfGhIjKlMnOpQrStUvWxYz123456');
 * // { ok: true, envCode: 'live', environment: 'production', prefix: 'hk_live_', secret: 'AbCd…3456' }
 * parseApiKey('hk_prod_AbCdEfGhIjKlMnOpQrStUvWxYz123456');
 * // { ok: false, reason: 'unknown_environment', message: 'API key environment must be …' }
 */
export function parseApiKey(value: unknown): ParsedApiKey | ApiKeyParseFailure {
  if (typeof value !== 'string') {
    return fail('not_a_string', `API key must be a string (got ${describeType(value)})`);
  }
  if (!value.startsWith(API_KEY_PREFIX)) {
    return fail('missing_prefix', `API key must start with "${API_KEY_PREFIX}" (${EXPECTED_PREFIXES})${prefixHint(value)}`);
  }

  const rest = value.slice(API_KEY_PREFIX.length);
  const separator = rest.indexOf('_');
  if (separator === -1 && isEnvCode(rest)) {
    // `hk_live` with nothing after it: the environment is there, the secret is not.
    return wrongLength(0);
  }
  if (separator <= 0) {
    return fail('missing_environment', `API key has no environment after "${API_KEY_PREFIX}": expected ${EXPECTED_PREFIXES}`);
  }

  const envCode = rest.slice(0, separator);
  if (!isEnvCode(envCode)) {
    // The segment is not echoed: for a malformed key it may be part of the secret.
    const hint = isEnvCode(envCode.toLowerCase()) ? ' (environment codes are lowercase)' : '';
    return fail('unknown_environment', `API key environment must be live, test or dev: expected ${EXPECTED_PREFIXES}${hint}`);
  }

  const secret = rest.slice(separator + 1);
  const secretStart = API_KEY_PREFIX.length + separator + 1;
  const badCharacters = findBadCharacters(secret);
  if (badCharacters) {
    const { count, firstIndex, hasWhitespace } = badCharacters;
    const plural = count === 1 ? '' : 's';
    const hint = hasWhitespace ? '; remove spaces and line breaks' : '';
    return fail(
      'bad_characters',
      `API key secret may contain only letters A-Z, a-z and digits 0-9 ` +
        `(found ${count} other character${plural}, the first at position ${secretStart + firstIndex + 1} of the key${hint})`,
    );
  }
  if (secret.length !== API_KEY_SECRET_LENGTH) {
    return wrongLength(secret.length);
  }

  return {
    ok: true,
    envCode,
    environment: API_KEY_ENV_CODES[envCode],
    prefix: `hk_${envCode}_`,
    secret,
  };
}

function fail(reason: ApiKeyFormatProblem, message: string): ApiKeyParseFailure {
  return { ok: false, reason, message };
}

function wrongLength(got: number): ApiKeyParseFailure {
  return fail('wrong_length', `API key secret must be exactly ${API_KEY_SECRET_LENGTH} characters (got ${got})`);
}

/** Counts characters outside the alphabet, by code point so positions match what people see. */
function findBadCharacters(secret: string): { count: number; firstIndex: number; hasWhitespace: boolean } | undefined {
  let count = 0;
  let firstIndex = -1;
  let hasWhitespace = false;
  let index = 0;
  for (const char of secret) {
    if (!isSecretChar(char)) {
      count += 1;
      if (firstIndex === -1) firstIndex = index;
      if (/\s/.test(char)) hasWhitespace = true;
    }
    index += 1;
  }
  return count === 0 ? undefined : { count, firstIndex, hasWhitespace };
}

function prefixHint(value: string): string {
  if (/^\s/.test(value)) return '; remove leading spaces and line breaks';
  if (value.toLowerCase().startsWith(API_KEY_PREFIX)) return '; the prefix is lowercase';
  return '';
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
