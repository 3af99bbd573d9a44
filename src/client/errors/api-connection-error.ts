import { HokusaiAuthError } from './hokusai-auth-error';

/**
 * No response arrived: connection refused, DNS failure, the connection reset mid-response, or a
 * CORS rejection in a browser. Retried automatically before it is thrown; `cause` holds the
 * (redacted) underlying error.
 *
 * @example
 * try {
 *   await auth.health();
 * } catch (error) {
 *   if (error instanceof APIConnectionError) console.error('auth service unreachable:', error.cause);
 * }
 */
export class APIConnectionError extends HokusaiAuthError {
  override readonly name: string = 'APIConnectionError';

  declare readonly status: undefined;
}
