/**
 * A fresh `Idempotency-Key`: a random UUID. `crypto.randomUUID` is missing in browser pages served
 * over plain http; the key only has to be unique, so time plus randomness does there.
 */
export function newIdempotencyKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`;
}
