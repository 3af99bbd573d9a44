import { HokusaiAuthError } from './hokusai-auth-error';

/**
 * The credentials were refused (401): a missing or wrong admin token, or an API key that a Hokusai service (`auth.models.list`) does not accept. `auth.validate` does not throw this for an invalid key — it returns `is_valid: false`.
 *
 * @example
 * try {
 *   await auth.keys.list();
 * } catch (error) {
 *   if (error instanceof AuthenticationError) console.error('check HOKUSAI_ADMIN_TOKEN:', error.detail);
 * }
 */
export class AuthenticationError extends HokusaiAuthError {
  override readonly name: string = 'AuthenticationError';

  declare readonly status: 401;
}
