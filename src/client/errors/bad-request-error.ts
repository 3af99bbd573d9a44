import { HokusaiAuthError } from './hokusai-auth-error';

/**
 * The request was rejected as malformed (400): an invalid field, a `key_id` that is not a UUID, a malformed `period`, or rotating an inactive key. `errors` names each bad field.
 *
 * @example
 * try {
 *   await auth.keys.create({ name: '', service_id: 'prediction' });
 * } catch (error) {
 *   if (error instanceof BadRequestError) console.error(error.errors); // [{ field: 'name', message: '...' }]
 * }
 */
export class BadRequestError extends HokusaiAuthError {
  override readonly name: string = 'BadRequestError';

  declare readonly status: 400;
}
