/**
 * @hokusai/auth/platform — the whole Hokusai auth API: the main client plus Sign-In with
 * Ethereum, access tokens (JWT), organizations with roles, invitations and organization keys,
 * registration, its administration and metrics. Browser-safe; depends on no wallet library
 * (bring the wallet's own `signMessage`). A separate entry so apps that only validate keys keep
 * the small main bundle.
 *
 * @example
 * import { HokusaiAuth } from '@hokusai/auth/platform';
 * const auth = new HokusaiAuth({ baseUrl: 'http://127.0.0.1:8787' });
 * const session = await auth.signInWithEthereum({ address, signMessage });
 * const { status } = await auth.registration.status('dev@acme.ai');
 */
export * from '../client/index';
export { HokusaiAuth } from './hokusai-auth';
export type { PlatformOptions } from './options';
export { Page, PagePromise } from './pagination';
export type { PageData } from './pagination';
export { PageList } from './page-list';
export type { FetchListPage, ListPage } from './page-list';
export type { EthereumSigner } from './sign-in';
export { MissingAccessTokenError } from './errors/missing-access-token-error';
export type { SiweResource } from './siwe';
export type { TokensResource } from './tokens';
export type { OrganizationsResource } from './organizations';
export type { MembersResource } from './organization-members';
export type { OrganizationInvitationsResource } from './organization-invitations';
export type { OrganizationKeysResource } from './organization-keys';
export type { AuditLogsResource } from './organization-audit-logs';
export type { InvitationsResource } from './invitations';
export type { RegistrationResource } from './registration';
export type { AdminResource } from './admin';
export type { AdminRegistrationsResource } from './admin-registrations';
export type { AdminWhitelistResource } from './admin-whitelist';
export type { AdminBansResource } from './admin-bans';
export type { MetricsFunction } from './metrics';
export type * from './types';
