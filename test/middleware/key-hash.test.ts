// The id a key is cached under is the same SHA-256 hex on every runtime, so instances sharing a
// store agree: Node's native hash where it exists, the pure-JS one elsewhere.
import { describe, expect, it } from 'vitest';
import { cacheIdOf, portableSha256Hex } from '../../src/middleware/key-hash';

describe('cacheIdOf', () => {
  it('is the SHA-256 hex of the key, equal to the pure-JS digest used where node:crypto is missing', () => {
    expect(cacheIdOf('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    for (const key of ['hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456', 'hk_live_' + 'x'.repeat(200), 'clé-é-ü-😀', '']) {
      expect(cacheIdOf(key)).toBe(portableSha256Hex(key));
      expect(cacheIdOf(key)).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});
