import { HokusaiAuth as BaseHokusaiAuth } from '../client/hokusai-auth';
import type { HokusaiAuthOptions } from '../client/config';
import type { ClientInternals } from '../client/internals';
import { adminResource, type AdminResource } from './admin';
import { clientParts } from './client-parts';
import { metricsFunction, type MetricsFunction } from './metrics';
import { registrationResource, type RegistrationResource } from './registration';

/**
 * The full client: everything of `@hokusai/auth`'s `HokusaiAuth` plus the rest of the public
 * service — registration, its administration and metrics. Same options, same retries, timeouts
 * and redacted errors.
 *
 * @example
 * import { HokusaiAuth } from '@hokusai/auth/platform';
 *
 * const auth = new HokusaiAuth({ baseUrl: 'http://127.0.0.1:8787', adminToken: process.env.HOKUSAI_ADMIN_TOKEN });
 * await auth.registration.submit({ organization_name: 'Acme AI Labs', contact_email: 'dev@acme.ai', contact_name: 'Jane Smith', use_case: 'Analytics' });
 * for await (const registration of auth.admin.registrations.list({ status: 'pending_approval' })) console.log(registration.id);
 */
export class HokusaiAuth extends BaseHokusaiAuth {
  /** Applying for access (public): submit, status, verifyEmail, claim, rateLimitStatus. */
  declare readonly registration: RegistrationResource;
  /** Operator tools (admin token): registrations, whitelist, bans. */
  declare readonly admin: AdminResource;
  /** `GET /metrics`: `auth.metrics()` for the JSON summary, `auth.metrics.text()` for Prometheus text. */
  declare readonly metrics: MetricsFunction;

  /**
   * @param options The main client's options (`baseUrl`, `adminToken`, `fetch`, retries, timeouts).
   * @param internals Test seams (clock, sleep, random source, idempotency keys); leave out in production.
   */
  constructor(options: HokusaiAuthOptions = {}, internals: ClientInternals = {}) {
    super(options, internals);
    const parts = clientParts(options, internals);
    this.registration = registrationResource(parts);
    this.admin = adminResource(parts);
    this.metrics = metricsFunction(parts);
  }
}
