import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** Tokens are 32 random bytes in base64url: 43 characters of `[A-Za-z0-9_-]`. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * A fresh single-use token for a mail link (verification, claim).
 *
 * @example
 * const token = newToken(); // 'q3Y…' (43 characters)
 */
export function newToken(): string {
  return base64url(globalThis.crypto.getRandomValues(new Uint8Array(32)));
}

/** True when `token` has the shape of a token this server makes (anything else is forged). */
export function isTokenShaped(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

/**
 * How a token is stored and looked up: its SHA-256 (hex). Tokens carry 256 random bits, so a
 * plain hash is enough; the token itself exists only in the mail.
 *
 * @example
 * store.registrations.findByToken('verify', tokenHash(token));
 */
export function tokenHash(token: string): string {
  return bytesToHex(sha256(utf8ToBytes(`hokusai-registration-token\n${token}`)));
}

/**
 * Seals `secret` (the API key created at approval) under the claim token with AES-GCM, so the
 * store never holds the key in a readable form: only the claim link can open it.
 *
 * @example
 * const sealed = await sealWithToken(apiKey, claimToken);
 * await openWithToken(sealed, claimToken); // apiKey
 */
export async function sealWithToken(secret: string, token: string): Promise<string> {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const sealed = await globalThis.crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await keyOf(token), utf8ToBytes(secret));
  return `${base64url(iv)}.${base64url(new Uint8Array(sealed))}`;
}

/** Opens what `sealWithToken` sealed; throws when the token is not the one it was sealed under. */
export async function openWithToken(sealed: string, token: string): Promise<string> {
  const [iv, data] = sealed.split('.');
  const plain = await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64url(iv ?? '') }, await keyOf(token), fromBase64url(data ?? ''));
  return new TextDecoder().decode(plain);
}

function keyOf(token: string): Promise<CryptoKey> {
  const raw = sha256(utf8ToBytes(`hokusai-claim-seal\n${token}`));
  return globalThis.crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
