// Test seams: time, waiting and randomness of a client, swapped without real waiting. Given as
// the second argument of the `HokusaiAuth` constructor, so what a client can be given shows on its type.
import type { Sleep } from './retry/sleep';

/**
 * Replacements for the client's clock, sleep and random sources (tests; leave out in production).
 *
 * @example
 * const auth = new HokusaiAuth({ maxRetries: 1 }, { sleep: async () => {} });
 */
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
