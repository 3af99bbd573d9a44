/**
 * `@hokusai/auth/platform` — the full client of the public Hokusai auth service: the main
 * entry's `HokusaiAuth` plus registration, its administration and metrics. A separate entry so
 * apps that only validate keys keep the small main bundle.
 *
 * @example
 * import { HokusaiAuth } from '@hokusai/auth/platform';
 * const auth = new HokusaiAuth({ baseUrl: 'http://127.0.0.1:8787' });
 * const { status } = await auth.registration.status('dev@acme.ai');
 */
export { HokusaiAuth } from './hokusai-auth';
export { PageList } from './pagination';
export type { FetchPage, Page } from './pagination';
export type { RegistrationResource } from './registration';
export type { AdminResource } from './admin';
export type { AdminRegistrationsResource } from './admin-registrations';
export type { AdminWhitelistResource } from './admin-whitelist';
export type { AdminBansResource } from './admin-bans';
export type { MetricsFunction } from './metrics';
export type * from './types';
