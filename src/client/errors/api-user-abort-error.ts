import { HokusaiAuthError } from './hokusai-auth-error';

/**
 * The caller's `signal` aborted the call. Never retried: an abort stops the call at once, also
 * while it waits between attempts. `cause` is the signal's `reason`.
 *
 * @example
 * const controller = new AbortController();
 * const pending = auth.keys.list({}, { signal: controller.signal });
 * controller.abort();
 * await pending.catch((error) => error instanceof APIUserAbortError); // true
 */
export class APIUserAbortError extends HokusaiAuthError {
  override readonly name: string = 'APIUserAbortError';

  declare readonly status: undefined;
}
