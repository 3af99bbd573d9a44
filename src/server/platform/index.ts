import type { EngineContext } from '../engine/context';
import type { CreateKeyInput } from '../engine/types';
import type { MemberRole } from '../store/platform-types';
import { AccessTokens } from './access-tokens';
import { listAuditLogs } from './audit';
import { acceptInvitation, createInvitation, listInvitations, revokeInvitation } from './invitations';
import type { Mailer } from './invitations';
import { listMembers, removeMember, updateMember } from './members';
import { createOrganizationKey, listOrganizationKeys, revokeOrganizationKey } from './organization-keys';
import { createOrganization, deleteOrganization, getOrganization, listOrganizations, updateOrganization } from './organizations';
import type { PageQuery } from './pages';
import { authenticate, signIn, validateToken } from './sessions';
import { siweChallenge } from './siwe';
import type {
  AuditAction,
  AuditLogEntry,
  AuthenticatedUser,
  Invitation,
  InvitationAccepted,
  Organization,
  OrganizationApiKeyCreated,
  OrganizationApiKeyInfo,
  OrganizationMember,
  OrganizationMembership,
  Page,
  RequestOrigin,
  SiweChallenge,
  SiweSession,
  TokenValidationFailure,
  TokenValidationSuccess,
} from './types';

/**
 * Wallet sign-in, access tokens and organizations, without HTTP. Every organization call takes
 * the signed-in caller (`authenticate`) and enforces its role; failures throw `EngineError`
 * (`unauthorized` 401, `forbidden` 403, `not_found` 404, `conflict` 409, `invalid` 400).
 *
 * @example
 * const { message } = engine.platform.siweChallenge({ wallet_address }, origin);
 * const session = await engine.platform.siweVerify({ message, signature }, origin);
 * const user = await engine.platform.authenticate(`Bearer ${session.access_token}`);
 * const org = engine.platform.createOrganization(user, { name: 'Acme Research' });
 */
export interface Platform {
  siweChallenge(body: { wallet_address: string }, origin: RequestOrigin): SiweChallenge;
  siweVerify(body: { message: string; signature: string }, origin: RequestOrigin): Promise<SiweSession>;
  validateToken(body: { token: string; service?: string | null }): Promise<{ status: 200; body: TokenValidationSuccess } | { status: 401; body: TokenValidationFailure }>;
  /** The caller from an `Authorization` header value (`Bearer <jwt>`). */
  authenticate(authorization: string | undefined): Promise<AuthenticatedUser>;
  createOrganization(user: AuthenticatedUser, body: { name: string; description?: string | null }): Organization;
  listOrganizations(user: AuthenticatedUser, query?: PageQuery): Page<OrganizationMembership>;
  getOrganization(user: AuthenticatedUser, orgId: string): Organization;
  updateOrganization(user: AuthenticatedUser, orgId: string, body: { name?: string; description?: string | null }): Organization;
  deleteOrganization(user: AuthenticatedUser, orgId: string): { message: string };
  listMembers(user: AuthenticatedUser, orgId: string, query?: PageQuery): Page<OrganizationMember>;
  updateMember(user: AuthenticatedUser, orgId: string, userId: string, body: { role: MemberRole }): OrganizationMember;
  removeMember(user: AuthenticatedUser, orgId: string, userId: string): { message: string };
  createInvitation(user: AuthenticatedUser, orgId: string, body: { email: string; role: MemberRole }, origin: RequestOrigin): Invitation;
  listInvitations(user: AuthenticatedUser, orgId: string, query?: PageQuery): Page<Invitation>;
  revokeInvitation(user: AuthenticatedUser, orgId: string, invitationId: string): { message: string };
  acceptInvitation(user: AuthenticatedUser, body: { token: string }): InvitationAccepted;
  createOrganizationKey(user: AuthenticatedUser, orgId: string, body: CreateKeyInput): Promise<OrganizationApiKeyCreated>;
  listOrganizationKeys(user: AuthenticatedUser, orgId: string, query?: PageQuery & { active_only?: boolean }): Page<OrganizationApiKeyInfo>;
  revokeOrganizationKey(user: AuthenticatedUser, orgId: string, keyId: string): { message: string };
  listAuditLogs(user: AuthenticatedUser, orgId: string, query?: PageQuery & { action?: AuditAction; since?: string; until?: string }): Page<AuditLogEntry>;
}

/**
 * Options of the platform part of an engine.
 *
 * @example
 * const options: PlatformOptions = { mailer: outbox, tokenLifetimeSeconds: 3600 };
 */
export interface PlatformOptions {
  /** Where invitation mails go. */
  mailer: Mailer;
  /** Access-token lifetime; default 24 hours. */
  tokenLifetimeSeconds?: number;
}

/**
 * Builds the platform over an engine's context.
 *
 * @example
 * const platform = createPlatform(ctx, { mailer: outbox });
 */
export function createPlatform(ctx: EngineContext, options: PlatformOptions): Platform {
  const tokens = new AccessTokens(() => ctx.store.platform.jwtSecret(), ctx.clock, options.tokenLifetimeSeconds);
  const mailer = options.mailer;
  return {
    siweChallenge: (body, origin) => siweChallenge(ctx, body, origin),
    siweVerify: (body, origin) => signIn(ctx, tokens, body, origin),
    validateToken: (body) => validateToken(ctx, tokens, body),
    authenticate: (authorization) => authenticate(ctx, tokens, authorization),
    createOrganization: (user, body) => createOrganization(ctx, user, body),
    listOrganizations: (user, query) => listOrganizations(ctx, user, query),
    getOrganization: (user, orgId) => getOrganization(ctx, user, orgId),
    updateOrganization: (user, orgId, body) => updateOrganization(ctx, user, orgId, body),
    deleteOrganization: (user, orgId) => deleteOrganization(ctx, user, orgId),
    listMembers: (user, orgId, query) => listMembers(ctx, user, orgId, query),
    updateMember: (user, orgId, userId, body) => updateMember(ctx, user, orgId, userId, body),
    removeMember: (user, orgId, userId) => removeMember(ctx, user, orgId, userId),
    createInvitation: (user, orgId, body, origin) => createInvitation(ctx, mailer, user, orgId, body, origin),
    listInvitations: (user, orgId, query) => listInvitations(ctx, user, orgId, query),
    revokeInvitation: (user, orgId, invitationId) => revokeInvitation(ctx, user, orgId, invitationId),
    acceptInvitation: (user, body) => acceptInvitation(ctx, user, body),
    createOrganizationKey: (user, orgId, body) => createOrganizationKey(ctx, user, orgId, body),
    listOrganizationKeys: (user, orgId, query) => listOrganizationKeys(ctx, user, orgId, query),
    revokeOrganizationKey: (user, orgId, keyId) => revokeOrganizationKey(ctx, user, orgId, keyId),
    listAuditLogs: (user, orgId, query) => listAuditLogs(ctx, user, orgId, query),
  };
}

export type { Mailer } from './invitations';
export type * from './types';
export { MINIMUM_ROLE, ROLES } from './roles';
export { SIWE_ERRORS } from './siwe';
