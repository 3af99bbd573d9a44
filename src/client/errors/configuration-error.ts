import { HokusaiAuthError } from './hokusai-auth-error';

/**
 * The client or a call was set up wrongly (e.g. a `baseUrl` that is not an http(s) URL, a
 * negative `timeoutMs`). Thrown before any request is sent.
 *
 * @example
 * try {
 *   new HokusaiAuth({ baseUrl: 'auth.hokus.ai' });
 * } catch (error) {
 *   if (error instanceof ConfigurationError) console.error(error.message);
 * }
 */
export class ConfigurationError extends HokusaiAuthError {
  override readonly name: string = 'ConfigurationError';

  declare readonly status: undefined;
}
