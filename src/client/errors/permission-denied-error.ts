import { HokusaiAuthError } from './hokusai-auth-error';

/**
 * The credentials are valid but not allowed to do this (403).
 *
 * @example
 * try {
 *   await auth.keys.revoke(keyId);
 * } catch (error) {
 *   if (error instanceof PermissionDeniedError) console.error(error.detail);
 * }
 */
export class PermissionDeniedError extends HokusaiAuthError {
  override readonly name: string = 'PermissionDeniedError';

  declare readonly status: 403;
}
