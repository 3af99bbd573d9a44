import { HokusaiAuthError } from './hokusai-auth-error';

/**
 * The server (or a proxy in front of it) failed (any 5xx). Retried automatically before it is
 * thrown. For a body that is not JSON (an HTML 502 page), the message carries a short snippet.
 *
 * @example
 * try {
 *   await auth.keys.list();
 * } catch (error) {
 *   if (error instanceof InternalServerError) console.error(error.status, error.message, error.requestId);
 * }
 */
export class InternalServerError extends HokusaiAuthError {
  override readonly name: string = 'InternalServerError';

  declare readonly status: number;
}
