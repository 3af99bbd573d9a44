// The id a key is cached under is the same SHA-256 hex on every runtime, so instances sharing a
// store agree: Node's native hash where it exists, the pure-JS one elsewhere. The in-process
// store holds the same digest as 32 one-byte characters.
import { describe, expect, it } from 'vitest';
import { binaryCacheIdOf, cacheIdOf, portableSha256Binary, portableSha256Hex } from '../../src/middleware/key-hash';

const KEYS = ['hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456', 'hk_live_' + 'x'.repeat(200), 'clé-é-ü-😀', ''];

describe('cacheIdOf', () => {
  it('is the SHA-256 hex of the key, equal to the pure-JS digest used where node:crypto is missing', () => {
    expect(cacheIdOf('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    for (const key of KEYS) {
      expect(cacheIdOf(key)).toBe(portableSha256Hex(key));
      expect(cacheIdOf(key)).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});

describe('binaryCacheIdOf', () => {
  it('is the same digest as 32 one-byte characters, native or pure-JS, and never contains the key', () => {
    for (const key of KEYS) {
      const id = binaryCacheIdOf(key);
      expect(id).toHaveLength(32);
      expect(Buffer.from(id, 'latin1').toString('hex')).toBe(cacheIdOf(key));
      expect(portableSha256Binary(key)).toBe(id);
      if (key !== '') expect(id.includes(key)).toBe(false);
    }
  });
});
