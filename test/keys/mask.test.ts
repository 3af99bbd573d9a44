import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { environmentOf, maskApiKey, parseApiKey } from '../../src/keys';
import { ENVIRONMENT_OF_CODE, alnumString, envCode, nonAlnumChar, validKey } from './arbitraries';

// hk_{env}_ (optional) + revealed characters + ***
const MASK_SHAPE = /^(?:hk_(?:live|test|dev)_)?([A-Za-z0-9]*)\*\*\*$/;

/** The secret characters a mask shows. */
function revealed(mask: string): string {
  const match = MASK_SHAPE.exec(mask);
  if (!match) throw new Error('mask does not have the documented shape');
  return match[1] ?? '';
}

describe('maskApiKey', () => {
  it('matches the server key_prefix: hk_{env}_ + first 3 secret characters + ***', () => {
    expect(maskApiKey('hk_live_AbCdEfGhIjKlMnOpQrStUvWxYz123456')).toBe('hk_live_AbC***');
    fc.assert(
      fc.property(validKey, ({ envCode, secret, key }) => {
        expect(maskApiKey(key)).toBe(`hk_${envCode}_${secret.slice(0, 3)}***`);
      }),
    );
  });

  it('never reveals more than 3 secret characters, and none of a malformed value', () => {
    const anyValue = fc.oneof(
      fc.string(),
      validKey.map(({ key }) => key),
      fc.tuple(envCode, alnumString(0, 80)).map(([code, body]) => `hk_${code}_${body}`),
      fc.tuple(validKey, nonAlnumChar).map(([{ key }, char]) => key + char),
    );
    fc.assert(
      fc.property(anyValue, (value) => {
        const mask = maskApiKey(value);
        const shown = revealed(mask);
        const parsed = parseApiKey(value);
        if (parsed.ok) {
          expect(shown).toBe(parsed.secret.slice(0, 3));
        } else {
          expect(shown).toBe('');
        }
        expect(shown.length).toBeLessThanOrEqual(3);
      }),
    );
  });

  it('keeps a known environment prefix of a malformed key, otherwise shows only ***', () => {
    expect(maskApiKey('hk_live_oops')).toBe('hk_live_***');
    expect(maskApiKey('hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz12345!')).toBe('hk_test_***');
    expect(maskApiKey('hk_live')).toBe('***');
    expect(maskApiKey('hk_prod_AbCdEfGhIjKlMnOpQrStUvWxYz123456')).toBe('***');
    expect(maskApiKey('AbCdEfGhIjKlMnOpQrStUvWxYz123456')).toBe('***');
    expect(maskApiKey('')).toBe('***');
  });

  it('does not throw for non-strings passed from untyped code', () => {
    for (const value of [undefined, null, 42, {}, ['hk_live_x']]) {
      expect(maskApiKey(value as unknown as string)).toBe('***');
    }
  });
});

describe('environmentOf', () => {
  it('returns the environment of every well-formed key', () => {
    expect(environmentOf('hk_dev_AbCdEfGhIjKlMnOpQrStUvWxYz123456')).toBe('development');
    fc.assert(fc.property(validKey, ({ envCode, key }) => {
      expect(environmentOf(key)).toBe(ENVIRONMENT_OF_CODE[envCode]);
    }));
  });

  it('returns undefined for malformed keys, even with a known environment prefix', () => {
    expect(environmentOf('hk_live_short')).toBeUndefined();
    expect(environmentOf('hk_prod_AbCdEfGhIjKlMnOpQrStUvWxYz123456')).toBeUndefined();
    expect(environmentOf(undefined as unknown as string)).toBeUndefined();
  });
});
