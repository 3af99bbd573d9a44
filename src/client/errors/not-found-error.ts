import { HokusaiAuthError } from './hokusai-auth-error';

/**
 * The key (or route) does not exist (404), e.g. `API key not found`.
 *
 * @example
 * const key = await auth.keys.get(keyId).catch((error) => {
 *   if (error instanceof NotFoundError) return undefined;
 *   throw error;
 * });
 */
export class NotFoundError extends HokusaiAuthError {
  override readonly name: string = 'NotFoundError';

  declare readonly status: 404;
}
