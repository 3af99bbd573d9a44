import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * The id a key is cached under: SHA-256 of the key, hex. A key carries ~190 random bits, so its
 * hash cannot be turned back into it, and every instance sharing a store computes the same id.
 *
 * @example
 * cacheIdOf('hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456'); // 64 hex characters
 */
export function cacheIdOf(apiKey: string): string {
  return bytesToHex(sha256(utf8ToBytes(apiKey)));
}
