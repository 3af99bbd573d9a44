import { HokusaiAuthError } from './hokusai-auth-error';

/**
 * The body was well-formed but its values were refused (422). `errors` names each bad field.
 *
 * @example
 * try {
 *   await auth.keys.create(body);
 * } catch (error) {
 *   if (error instanceof UnprocessableEntityError) for (const e of error.errors) console.error(e.field, e.message);
 * }
 */
export class UnprocessableEntityError extends HokusaiAuthError {
  override readonly name: string = 'UnprocessableEntityError';

  declare readonly status: 422;
}
