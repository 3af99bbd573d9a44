import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateApiKey, parseApiKey, type ApiKeyEnvironment } from '../../src/keys';
import { ALPHABET, ENVIRONMENTS, environment, streamSource } from './arbitraries';

const CODE_OF: Record<ApiKeyEnvironment, string> = { production: 'live', test: 'test', development: 'dev' };
const REJECTED_BYTES = [248, 249, 250, 251, 252, 253, 254, 255];

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('generateApiKey: every key it makes is well-formed', () => {
  it('parses, with the requested environment, for any random bytes', () => {
    fc.assert(
      fc.property(environment, fc.uint8Array({ maxLength: 120 }), (env, bytes) => {
        const key = generateApiKey(env, streamSource(bytes).source);
        const parsed = parseApiKey(key);
        expect(parsed).toMatchObject({ ok: true, environment: env, envCode: CODE_OF[env] });
      }),
    );
  });

  it('parses with the default Web Crypto source, for each environment', () => {
    const getRandomValues = vi.spyOn(globalThis.crypto, 'getRandomValues');
    for (const env of ENVIRONMENTS) {
      expect(parseApiKey(generateApiKey(env))).toMatchObject({ ok: true, environment: env });
    }
    expect(getRandomValues).toHaveBeenCalled();
  });

  it('gives a different key on each call with the default source', () => {
    const keys = new Set(Array.from({ length: 50 }, () => generateApiKey('test')));
    expect(keys.size).toBe(50);
  });
});

describe('generateApiKey: uniform over the 62 characters (rejection sampling)', () => {
  it('skips bytes >= 248 and uses the next ones', () => {
    const calls = [
      new Uint8Array(32).map((_, i) => REJECTED_BYTES[i % REJECTED_BYTES.length] ?? 255), // all rejected
      Uint8Array.from([255, 0, 248, 1, 2, 252]), // 3 accepted
      new Uint8Array(29).map((_, i) => 3 + i), // the rest
    ];
    let call = 0;
    const key = generateApiKey('production', () => calls[call++] ?? new Uint8Array(0));
    expect(key).toBe(`hk_live_${ALPHABET.slice(0, 32)}`);
    expect(call).toBe(3);
  });

  it('maps each of the 62 characters from exactly 4 of the 248 accepted byte values', () => {
    const count = new Map<string, number>();
    for (let byte = 0; byte < 248; byte++) {
      const key = generateApiKey('test', (n) => new Uint8Array(n).fill(byte));
      const secret = key.slice('hk_test_'.length);
      const char = secret[0] ?? '';
      expect(secret).toBe(char.repeat(32));
      count.set(char, (count.get(char) ?? 0) + 1);
    }
    expect([...count.keys()].sort().join('')).toBe([...ALPHABET].sort().join(''));
    expect(new Set(count.values())).toEqual(new Set([4]));
  });

  it('never turns a byte >= 248 into a character: inserting such bytes anywhere changes nothing', () => {
    fc.assert(
      fc.property(
        environment,
        fc.uint8Array({ maxLength: 80 }).map((bytes) => bytes.map((b) => b % 248)),
        fc.array(fc.tuple(fc.nat(80), fc.constantFrom(...REJECTED_BYTES)), { maxLength: 40 }),
        (env, accepted, insertions) => {
          const noisy = [...accepted];
          for (const [at, byte] of insertions) noisy.splice(Math.min(at, noisy.length), 0, byte);
          const plain = generateApiKey(env, streamSource(accepted).source);
          expect(generateApiKey(env, streamSource(Uint8Array.from(noisy)).source)).toBe(plain);
          // The secret is the accepted bytes read in order.
          const expected = [...accepted.subarray(0, 32)].map((b) => ALPHABET[b % 62]).join('');
          expect(plain.slice(`hk_${CODE_OF[env]}_`.length).startsWith(expected)).toBe(true);
        },
      ),
    );
  });

  it('only ever asks for the bytes it still needs', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const { source, requests } = streamSource(bytes);
        generateApiKey('development', source);
        expect(requests[0]).toBe(32);
        for (const n of requests) expect(n).toBeGreaterThan(0);
        expect(requests.every((n, i) => i === 0 || n <= (requests[i - 1] ?? 0))).toBe(true);
      }),
    );
  });
});

describe('generateApiKey: bad input and broken sources fail clearly', () => {
  it('rejects an unknown environment with a RangeError', () => {
    for (const env of ['live', 'prod', '', 'toString', '__proto__']) {
      expect(() => generateApiKey(env as ApiKeyEnvironment)).toThrow(RangeError);
    }
    expect(() => generateApiKey('staging' as ApiKeyEnvironment)).toThrow('environment must be one of production, test, development');
  });

  it('stops with an error instead of looping when the source only returns rejected bytes', () => {
    let calls = 0;
    const stuck = (n: number) => {
      calls++;
      return new Uint8Array(n).fill(255);
    };
    expect(() => generateApiKey('test', stuck)).toThrow('the random source returned no usable bytes in 64 calls in a row');
    expect(calls).toBe(64);
    expect(() => generateApiKey('test', () => new Uint8Array(0))).toThrow('no usable bytes');
  });

  it('rejects a source that does not return a Uint8Array', () => {
    const wrong = () => [1, 2, 3] as unknown as Uint8Array;
    expect(() => generateApiKey('test', wrong)).toThrow(TypeError);
  });

  it('explains what is missing when Web Crypto is not available', () => {
    vi.stubGlobal('crypto', undefined);
    expect(() => generateApiKey('test')).toThrow('globalThis.crypto.getRandomValues');
  });
});
