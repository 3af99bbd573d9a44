import type { ApiKeyEnvironment } from './format';
import { parseApiKey } from './parse';

/**
 * The environment of a well-formed key (`hk_live_` → `production`, `hk_test_` → `test`,
 * `hk_dev_` → `development`), or `undefined` when the value is not a well-formed key.
 *
 * @example
 * environmentOf('hk_dev_AbCdEfGhIjKlMnOpQrStUvWxYz123456'); // 'development'
 * environmentOf('hk_dev_short');                          // undefined
 */
export function environmentOf(key: string): ApiKeyEnvironment | undefined {
  const parsed = parseApiKey(key);
  return parsed.ok ? parsed.environment : undefined;
}
