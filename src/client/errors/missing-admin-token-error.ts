import { ConfigurationError } from './configuration-error';

/**
 * An admin call (`auth.keys.*`, `auth.usage.stats/billing/aggregate`) was made without an admin
 * token. Thrown before any request is sent. Pass `adminToken` or set `HOKUSAI_ADMIN_TOKEN`.
 *
 * @example
 * // No adminToken option and HOKUSAI_ADMIN_TOKEN unset:
 * const auth = new HokusaiAuth({ baseUrl: 'http://localhost:8787' });
 * await auth.keys.list().catch((error) => error instanceof MissingAdminTokenError); // true, nothing was sent
 */
export class MissingAdminTokenError extends ConfigurationError {
  override readonly name: string = 'MissingAdminTokenError';

  constructor(operation: string) {
    super(`${operation} needs an admin token: pass adminToken to new HokusaiAuth() or set HOKUSAI_ADMIN_TOKEN`);
  }
}
