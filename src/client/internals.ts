// Test seams: time, waiting and randomness of a client, swapped without real waiting.
// Not exported from the package entry; tests import this module directly.
import type { Sleep } from './retry/sleep';

/** Replacements for the client's clock, sleep and random sources. */
export interface ClientInternals {
  /** Epoch ms, used to read a `Retry-After` HTTP-date. */
  now?: () => number;
  /** Waits between attempts; must reject when the signal aborts. */
  sleep?: Sleep;
  /** A number in [0, 1) for backoff jitter. */
  random?: () => number;
  /** Makes the `Idempotency-Key` of a call that needs one. */
  newIdempotencyKey?: () => string;
}

const registry = new WeakMap<object, ClientInternals>();

/** Marks an options object so the client built from it uses `internals`. Returns the same object. */
export function withInternals<T extends object>(options: T, internals: ClientInternals): T {
  registry.set(options, internals);
  return options;
}

/** The internals attached to an options object by `withInternals` (empty when none). */
export function internalsOf(options: object): ClientInternals {
  return registry.get(options) ?? {};
}
