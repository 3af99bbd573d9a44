/** First backoff step; each later retry doubles it. */
export const INITIAL_RETRY_DELAY_MS = 500;
/** Backoff never grows beyond this (a server-asked delay may, up to `maxRetryDelayMs`). */
export const MAX_BACKOFF_MS = 8_000;
/** Jitter takes up to this share off the nominal backoff, so clients that failed together spread out. */
const JITTER = 0.25;

/**
 * How long to wait before the next attempt, or `undefined` to stop retrying.
 *
 * - The server said how long (`retryAfterMs`): wait exactly that, if it is within
 *   `maxRetryDelayMs`; if it asks for more, stop — an earlier retry would only be refused again,
 *   and the caller gets the error (with `retryAfterMs`) at once.
 * - Otherwise exponential backoff: 0.5 s, 1 s, 2 s, ... capped at 8 s (and at `maxRetryDelayMs`),
 *   minus up to 25 % jitter.
 */
export function retryDelayMs(
  /** Retries already made in this call: 0 before the first retry. */
  retriesSoFar: number,
  /** The delay the server asked for (`retry-after-ms` / `Retry-After`), if any. */
  retryAfterMs: number | undefined,
  /** Upper bound for any wait between attempts. */
  maxRetryDelayMs: number,
  /** A number in [0, 1) from the random source (no clock or randomness of its own). */
  random: number,
): number | undefined {
  // `>= 0` also rules out undefined and NaN.
  if ((retryAfterMs ?? Number.NaN) >= 0) return retryAfterMs! <= maxRetryDelayMs ? retryAfterMs : undefined;
  const nominal = Math.min(INITIAL_RETRY_DELAY_MS * 2 ** retriesSoFar, MAX_BACKOFF_MS, maxRetryDelayMs);
  return nominal * (1 - JITTER * random);
}
