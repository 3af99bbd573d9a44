import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiKeyFormatError, assertApiKey, isApiKey, parseApiKey } from '../../src/keys';
import { validKey } from './arbitraries';

const EXAMPLE = 'hk_live_AbCdEfGhIjKlMnOpQrStUvWxYz123456';

function thrown(value: unknown): ApiKeyFormatError {
  try {
    assertApiKey(value);
  } catch (error) {
    if (error instanceof ApiKeyFormatError) return error;
    throw error;
  }
  throw new Error('assertApiKey did not throw');
}

describe('isApiKey', () => {
  it('agrees with parseApiKey for well-formed keys and arbitrary values', () => {
    fc.assert(fc.property(validKey, ({ key }) => {
      expect(isApiKey(key)).toBe(true);
    }));
    fc.assert(fc.property(fc.anything(), (value) => {
      expect(isApiKey(value)).toBe(parseApiKey(value).ok);
    }));
    // Near misses: one character of a good key replaced, inserted or removed.
    fc.assert(fc.property(validKey, fc.nat(), fc.string({ maxLength: 1 }), ({ key }, at, char) => {
      const i = at % key.length;
      for (const near of [key.slice(0, i) + char + key.slice(i + 1), key.slice(0, i) + char + key.slice(i), `${key}\n`]) {
        expect(isApiKey(near)).toBe(parseApiKey(near).ok);
      }
    }));
  });

  it('rejects the documented wrong forms', () => {
    expect(isApiKey('hk_AbCdEfGhIjKlMnOpQrStUvWxYz123456')).toBe(false);
    expect(isApiKey('AbCdEfGhIjKlMnOpQrStUvWxYz123456')).toBe(false);
    expect(isApiKey(EXAMPLE.slice(0, -1))).toBe(false);
    expect(isApiKey(EXAMPLE.replace('A', '+'))).toBe(false);
  });

  it('narrows unknown to string', () => {
    const value: unknown = EXAMPLE;
    if (isApiKey(value)) expect(value.startsWith('hk_live_')).toBe(true);
    else throw new Error('expected a key');
  });
});

describe('assertApiKey and ApiKeyFormatError', () => {
  it('returns quietly for a well-formed key', () => {
    expect(() => assertApiKey(EXAMPLE)).not.toThrow();
  });

  it('throws a TypeError subclass carrying the reason and the parse message', () => {
    const error = thrown(`${EXAMPLE}0`);
    expect(error).toBeInstanceOf(ApiKeyFormatError);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ApiKeyFormatError');
    expect(error.reason).toBe('wrong_length');
    expect(error.message).toBe('API key secret must be exactly 32 characters (got 33)');
  });

  it('uses the same reason as parseApiKey for any value', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string(), validKey.map(({ key }) => key.slice(1))), (value) => {
        const parsed = parseApiKey(value);
        if (parsed.ok) return;
        const error = thrown(value);
        expect(error.reason).toBe(parsed.reason);
        expect(error.message).toBe(parsed.message);
      }),
    );
  });

  it('never shows the key in its message, stack, string or JSON form', () => {
    fc.assert(
      fc.property(validKey, ({ key, secret }) => {
        const error = thrown(`${key}!`);
        for (const shown of [error.message, String(error), error.stack ?? '', JSON.stringify(error)]) {
          expect(shown).not.toContain(key);
          expect(shown).not.toContain(secret);
        }
      }),
    );
  });
});
