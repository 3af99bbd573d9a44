import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Turns an API key into the hex digest it is stored and looked up under. May be synchronous
 * (noble, node:crypto) or asynchronous (Web Crypto); the engine awaits either.
 *
 * @example
 * const hash: KeyHasher = (key) => myHmacHex(key);
 */
export type KeyHasher = (apiKey: string) => string | Promise<string>;

/**
 * Builds a `KeyHasher` from the store's secret (hex). All factories here compute
 * HMAC-SHA-256 and give the same digest for the same secret and key, so a store written with
 * one can be read with another.
 *
 * @example
 * const app = createApp({ hasher: nobleHmacHasher });
 */
export type KeyHasherFactory = (secretHex: string) => KeyHasher;

/**
 * HMAC-SHA-256 in portable JavaScript (@noble/hashes): synchronous, runs in browsers, msw and
 * Node. The default.
 *
 * @example
 * const hash = nobleHmacHasher(store.hmacSecret());
 * hash('hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456'); // 64 hex characters
 */
export const nobleHmacHasher: KeyHasherFactory = (secretHex) => {
  const secret = hexToBytes(secretHex);
  return (apiKey) => bytesToHex(hmac(sha256, secret, utf8ToBytes(apiKey)));
};

/**
 * HMAC-SHA-256 with the Web Crypto API (asynchronous).
 *
 * @example
 * const app = createApp({ hasher: webCryptoHmacHasher });
 */
export const webCryptoHmacHasher: KeyHasherFactory = (secretHex) => {
  let cryptoKey: Promise<CryptoKey> | undefined;
  return async (apiKey) => {
    cryptoKey ??= globalThis.crypto.subtle.importKey(
      'raw',
      Uint8Array.from(hexToBytes(secretHex)),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const signature = await globalThis.crypto.subtle.sign('HMAC', await cryptoKey, utf8ToBytes(apiKey) as Uint8Array<ArrayBuffer>);
    return bytesToHex(new Uint8Array(signature));
  };
};
