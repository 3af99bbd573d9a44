/** 32 random bytes as hex, from the Web Crypto API (available in Node 20 and browsers). */
export function randomSecretHex(bytes = 32): string {
  const buffer = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(buffer);
  return Array.from(buffer, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
