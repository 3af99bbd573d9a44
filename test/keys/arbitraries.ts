// fast-check generators shared by the key tests.
import fc from 'fast-check';
import type { ApiKeyEnvCode, ApiKeyEnvironment } from '../../src/keys';

export const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const ENV_CODES = ['live', 'test', 'dev'] as const satisfies readonly ApiKeyEnvCode[];
export const ENVIRONMENTS = ['production', 'test', 'development'] as const satisfies readonly ApiKeyEnvironment[];
export const ENVIRONMENT_OF_CODE: Record<ApiKeyEnvCode, ApiKeyEnvironment> = { live: 'production', test: 'test', dev: 'development' };

export const alnumChar = fc.constantFrom(...ALPHABET);
export const alnumString = (minLength: number, maxLength: number) => fc.string({ unit: alnumChar, minLength, maxLength });
export const secret = alnumString(32, 32);
export const envCode = fc.constantFrom(...ENV_CODES);
export const environment = fc.constantFrom(...ENVIRONMENTS);

/** A well-formed key with its parts. */
export const validKey = fc.record({ envCode, secret }).map(({ envCode, secret }) => ({
  envCode,
  secret,
  key: `hk_${envCode}_${secret}`,
}));

/** One character (code point) that is not in [A-Za-z0-9]. */
export const nonAlnumChar = fc
  .integer({ min: 0, max: 0x10ffff })
  .filter((cp) => cp < 0xd800 || cp > 0xdfff)
  .map((cp) => String.fromCodePoint(cp))
  .filter((char) => !/^[A-Za-z0-9]$/.test(char));

/** Whitespace that HTTP header values may carry around a value (Headers strips it too). */
export const headerPadding = fc.constantFrom('', ' ', '  ', '\t', ' \t ');

/** Random upper/lower case of every letter, e.g. 'bEaReR'. */
export const randomCase = (word: string) =>
  fc.array(fc.boolean(), { minLength: word.length, maxLength: word.length }).map((upper) =>
    [...word].map((char, i) => (upper[i] ? char.toUpperCase() : char.toLowerCase())).join(''),
  );

/**
 * A random source that hands out `stream` byte by byte, then a fixed fallback, so that the
 * key is a function of the bytes alone. Records how many bytes each call asked for.
 */
export function streamSource(stream: Uint8Array, fallback = 7) {
  let position = 0;
  const requests: number[] = [];
  const source = (n: number) => {
    requests.push(n);
    const out = new Uint8Array(n).fill(fallback);
    const take = stream.subarray(position, position + n);
    out.set(take);
    position += take.length;
    return out;
  };
  return { source, requests };
}
