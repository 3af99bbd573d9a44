import { HokusaiAuthError } from './hokusai-auth-error';

/**
 * The request conflicts with an earlier one (409), e.g. an `Idempotency-Key` reused with a different body. Retried automatically before it is thrown.
 *
 * @example
 * try {
 *   await auth.keys.create(body, { idempotencyKey: 'order-42' });
 * } catch (error) {
 *   if (error instanceof ConflictError) console.error('idempotency key reused with another body');
 * }
 */
export class ConflictError extends HokusaiAuthError {
  override readonly name: string = 'ConflictError';

  declare readonly status: 409;
}
