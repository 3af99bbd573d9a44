import { HokusaiAuthError } from './hokusai-auth-error';

/**
 * The request body is over the server limit (64 KiB) (413).
 *
 * @example
 * try {
 *   await auth.usage.record(keyId, hugeRecord);
 * } catch (error) {
 *   if (error instanceof PayloadTooLargeError) console.error(error.detail);
 * }
 */
export class PayloadTooLargeError extends HokusaiAuthError {
  override readonly name: string = 'PayloadTooLargeError';

  declare readonly status: 413;
}
