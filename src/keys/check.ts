import { ApiKeyFormatError } from './errors';
import { API_KEY_PATTERN } from './format';
import { parseApiKey } from './parse';

/**
 * True when `value` is a well-formed API key (`hk_{live|test|dev}_` + 32 of [A-Za-z0-9]).
 * Checks the format only; whether the key exists is for the server to say.
 *
 * @example
 * isApiKey('hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456'); // true
 * isApiKey('hk_AbCdEfGhIjKlMnOpQrStUvWxYz123456');      // false: no environment
 */
export function isApiKey(value: unknown): value is string {
  return typeof value === 'string' && API_KEY_PATTERN.test(value);
}

/**
 * Throws an `ApiKeyFormatError` unless `value` is a well-formed API key. The error's `reason`
 * names the broken rule (see `parseApiKey`); its message never contains the value.
 *
 * @example
 * const key: unknown = process.env.HOKUSAI_API_KEY;
 * assertApiKey(key); // throws ApiKeyFormatError { reason: 'missing_prefix', ... } for 'AbCd…'
 * key; // narrowed to string from here on
 */
export function assertApiKey(value: unknown): asserts value is string {
  const parsed = parseApiKey(value);
  if (!parsed.ok) throw new ApiKeyFormatError(parsed.reason, parsed.message);
}
