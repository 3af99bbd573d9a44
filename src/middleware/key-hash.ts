import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** The FIPS 180-2 test vector: SHA-256 of "abc". */
const SHA256_OF_ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

type OneShotHash = (algorithm: 'sha256', data: string, encoding: 'hex' | 'latin1') => string;

/**
 * Node's one-shot `crypto.hash` (Node ≥ 20.12, Bun, Deno), found without a static import so the
 * module still loads where `node:crypto` does not exist (Workers without nodejs_compat). It runs
 * synchronously and is several times faster than the pure-JS hash on a key-sized input: it is
 * computed on every request, cache hits included.
 */
function nativeSha256Hex(): OneShotHash | undefined {
  try {
    const getBuiltinModule = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
    const hash = (getBuiltinModule?.('node:crypto') as { hash?: unknown } | undefined)?.hash;
    if (typeof hash !== 'function') return undefined;
    // A runtime's partial node:crypto may have the name without the digest: check it once.
    return (hash as OneShotHash)('sha256', 'abc', 'hex') === SHA256_OF_ABC ? (hash as OneShotHash) : undefined;
  } catch {
    return undefined;
  }
}

const native = nativeSha256Hex();

/**
 * SHA-256 of a string as hex, with the pure-JS implementation. The same digest as the native one:
 * instances on different runtimes sharing a store compute the same ids.
 *
 * @example
 * portableSha256Hex('abc'); // 'ba7816bf…'
 */
export function portableSha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/**
 * The id a key is cached under: SHA-256 of the key, hex. A key carries ~190 random bits, so its
 * hash cannot be turned back into it, and every instance sharing a store computes the same id.
 *
 * @example
 * cacheIdOf('hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456'); // 64 hex characters
 */
export const cacheIdOf: (apiKey: string) => string = native ? (apiKey) => native('sha256', apiKey, 'hex') : portableSha256Hex;

/**
 * The id a key is held under in this process (`MemoryGuardStore`): the same SHA-256 as
 * `cacheIdOf`, as 32 one-byte characters rather than 64 hex ones. A map lookup hashes the whole
 * string on every request, so the shorter one costs half. Never shared: other stores get `cacheIdOf`.
 *
 * @example
 * binaryCacheIdOf('hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456').length; // 32
 */
export const binaryCacheIdOf: (apiKey: string) => string = native ? (apiKey) => native('sha256', apiKey, 'latin1') : portableSha256Binary;

/**
 * SHA-256 of a string as 32 one-byte characters, with the pure-JS implementation.
 *
 * @example
 * portableSha256Binary('abc').charCodeAt(0); // 0xba
 */
export function portableSha256Binary(text: string): string {
  return String.fromCharCode(...sha256(utf8ToBytes(text)));
}
