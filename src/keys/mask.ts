import { API_KEY_PREFIX, isEnvCode } from './format';
import { parseApiKey } from './parse';

/** Number of secret characters a mask shows; the server's `key_prefix` shows the same. */
const VISIBLE_SECRET_CHARS = 3;
const MASK = '***';

/**
 * The safe-to-show form of a key: `hk_{env}_` + the first 3 secret characters + `***`, exactly the
 * `key_prefix` the server returns. A malformed value reveals no secret characters: it becomes
 * `hk_{env}_***` when it starts with a known `hk_{env}_`, otherwise `***`.
 *
 * @example
 * maskApiKey('hk_live_AbCdEfGhIjKlMnOpQrStUvWxYz123456'); // 'hk_live_AbC***'
 * maskApiKey('hk_live_oops');                             // 'hk_live_***'
 * maskApiKey('not a key');                                // '***'
 */
export function maskApiKey(key: string): string {
  const parsed = parseApiKey(key);
  if (parsed.ok) return parsed.prefix + parsed.secret.slice(0, VISIBLE_SECRET_CHARS) + MASK;
  if (typeof key !== 'string' || !key.startsWith(API_KEY_PREFIX)) return MASK;
  const envCode = key.slice(API_KEY_PREFIX.length).split('_', 1)[0] ?? '';
  const hasEnvSegment = key.startsWith(`${API_KEY_PREFIX}${envCode}_`);
  return isEnvCode(envCode) && hasEnvSegment ? `${API_KEY_PREFIX}${envCode}_${MASK}` : MASK;
}
