import { APIConnectionError } from './api-connection-error';

/**
 * An attempt took longer than `timeoutMs` (per attempt; default 30 s). Retried automatically
 * before it is thrown. A subclass of `APIConnectionError`.
 *
 * @example
 * try {
 *   await auth.validate(apiKey, { service_id: 'prediction' }, { timeoutMs: 2_000 });
 * } catch (error) {
 *   if (error instanceof APITimeoutError) console.error('auth service too slow');
 * }
 */
export class APITimeoutError extends APIConnectionError {
  override readonly name: string = 'APITimeoutError';
}
