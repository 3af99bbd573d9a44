import { API_KEY_ALPHABET, API_KEY_SECRET_LENGTH, ENV_CODE_BY_ENVIRONMENT, type ApiKeyEnvironment } from './format';

/**
 * Returns `byteCount` random bytes. The default reads `globalThis.crypto.getRandomValues`;
 * pass your own only for tests or a platform without Web Crypto, and keep it cryptographic.
 *
 * @example
 * const fromWebCrypto: ApiKeyRandomSource = (n) => crypto.getRandomValues(new Uint8Array(n));
 */
export type ApiKeyRandomSource = (byteCount: number) => Uint8Array;

// 248 = 4 * 62, the largest multiple of 62 a byte can hold. Bytes from 248 up are dropped
// (rejection sampling), so each of the 62 characters comes from exactly 4 byte values and is
// equally likely; `byte % 62` over all 256 values would favour the first 8 characters.
const ACCEPTED_BYTES_BELOW = API_KEY_ALPHABET.length * Math.floor(256 / API_KEY_ALPHABET.length);

// A real source rejects a whole call's bytes with odds around (8/256)^n; this many in a row
// means the source is broken, and looping forever would hide it.
const MAX_CALLS_WITHOUT_PROGRESS = 64;

/**
 * Creates a new API key for `environment`: `hk_{live|test|dev}_` + 32 characters drawn uniformly
 * from [A-Za-z0-9] with a cryptographic random source (about 190 bits of randomness).
 * Works in Node 20+ and browsers (Web Crypto). Throws a `RangeError` for an unknown environment.
 *
 * @example
 * generateApiKey('production'); // 'hk_live_' + 32 random characters
 * generateApiKey('test');       // 'hk_test_…'
 * // Deterministic in tests: every byte 0 maps to 'A'.
 * generateApiKey('development', (n) => new Uint8Array(n)); // 'hk_dev_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'
 */
export function generateApiKey(environment: ApiKeyEnvironment, random: ApiKeyRandomSource = webCryptoRandomBytes): string {
  if (!Object.prototype.hasOwnProperty.call(ENV_CODE_BY_ENVIRONMENT, environment)) {
    throw new RangeError('environment must be one of production, test, development');
  }
  const envCode = ENV_CODE_BY_ENVIRONMENT[environment];

  let secret = '';
  let callsWithoutProgress = 0;
  while (secret.length < API_KEY_SECRET_LENGTH) {
    const bytes = random(API_KEY_SECRET_LENGTH - secret.length);
    // toString tag rather than instanceof: a Uint8Array from another realm (iframe, vm) is fine.
    if (Object.prototype.toString.call(bytes) !== '[object Uint8Array]') {
      throw new TypeError('the random source must return a Uint8Array');
    }
    const before = secret.length;
    for (const byte of bytes) {
      if (secret.length === API_KEY_SECRET_LENGTH) break;
      if (byte < ACCEPTED_BYTES_BELOW) secret += API_KEY_ALPHABET[byte % API_KEY_ALPHABET.length];
    }
    callsWithoutProgress = secret.length === before ? callsWithoutProgress + 1 : 0;
    if (callsWithoutProgress >= MAX_CALLS_WITHOUT_PROGRESS) {
      throw new Error(`the random source returned no usable bytes in ${MAX_CALLS_WITHOUT_PROGRESS} calls in a row`);
    }
  }
  return `hk_${envCode}_${secret}`;
}

function webCryptoRandomBytes(byteCount: number): Uint8Array {
  const webCrypto = (globalThis as { crypto?: Crypto }).crypto;
  if (typeof webCrypto?.getRandomValues !== 'function') {
    throw new Error('generateApiKey needs globalThis.crypto.getRandomValues (Node 20+ or a browser), or a cryptographic random source as its second argument');
  }
  return webCrypto.getRandomValues(new Uint8Array(byteCount));
}
