import { HokusaiAuthError, type HokusaiAuthErrorInit } from './hokusai-auth-error';

/**
 * Too many requests (429). Retried automatically when the server's `Retry-After` fits within
 * `maxRetryDelayMs`; otherwise thrown at once. `retryAfterMs` says how long the server asked to wait.
 *
 * @example
 * try {
 *   await auth.models.list(apiKey);
 * } catch (error) {
 *   if (error instanceof RateLimitError) setTimeout(tryAgain, error.retryAfterMs ?? 60_000);
 * }
 */
export class RateLimitError extends HokusaiAuthError {
  override readonly name: string = 'RateLimitError';

  declare readonly status: 429;
  /** Milliseconds the server asked to wait (`retry-after-ms` or `Retry-After`), if it said. */
  declare readonly retryAfterMs: number | undefined;

  constructor(message: string, init?: HokusaiAuthErrorInit, retryAfterMs?: number) {
    super(message, init);
    this.retryAfterMs = retryAfterMs;
  }
}
