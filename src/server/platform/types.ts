/**
 * Wire-shaped values of wallet sign-in, tokens and organizations: the spec's own types
 * (generated/schema.d.ts), so a change of the spec the engine does not follow fails
 * type-checking.
 */
import type { components } from '../../../generated/schema';

type Schemas = components['schemas'];

/** @example const challenge: SiweChallenge = { message: '…', nonce: '3f9a1c7e2b8d4a6f' }; */
export type SiweChallenge = Schemas['SiweChallenge'];
/** @example const session: SiweSession = await engine.platform.siweVerify({ message, signature }, origin); */
export type SiweSession = Schemas['SiweSession'];
/** @example const result: TokenValidationSuccess = { valid: true, user_id, wallet_address, permissions: ['predict', 'read'] }; */
export type TokenValidationSuccess = Schemas['TokenValidationSuccess'];
/** @example const result: TokenValidationFailure = { valid: false, error: 'Token expired' }; */
export type TokenValidationFailure = Schemas['TokenValidationFailure'];
/** @example const role: OrganizationRole = 'developer'; */
export type OrganizationRole = Schemas['OrganizationRole'];
/** @example const org: Organization = await engine.platform.getOrganization(user, orgId); */
export type Organization = Schemas['Organization'];
/** @example const mine: OrganizationMembership = { ...org, role: 'owner' }; */
export type OrganizationMembership = Schemas['OrganizationMembership'];
/** @example const member: OrganizationMember = { user_id, wallet_address, role: 'viewer', joined_at }; */
export type OrganizationMember = Schemas['OrganizationMember'];
/** @example const invitation: Invitation = await engine.platform.createInvitation(user, orgId, { email, role }, origin); */
export type Invitation = Schemas['Invitation'];
/** @example const joined: InvitationAccepted = await engine.platform.acceptInvitation(user, { token }); */
export type InvitationAccepted = Schemas['InvitationAccepted'];
/** @example const info: OrganizationApiKeyInfo = created.key_info; */
export type OrganizationApiKeyInfo = Schemas['OrganizationApiKeyInfo'];
/** @example const created: OrganizationApiKeyCreated = await engine.platform.createOrganizationKey(user, orgId, body); */
export type OrganizationApiKeyCreated = Schemas['OrganizationApiKeyCreated'];
/** @example const entry: AuditLogEntry = page.data[0]!; */
export type AuditLogEntry = Schemas['AuditLogEntry'];
/** @example const action: AuditAction = 'member.removed'; */
export type AuditAction = Schemas['AuditAction'];

/**
 * One page of a list: `next_cursor` is passed as `cursor` for the next page, null on the last.
 *
 * @example
 * const page: Page<OrganizationMember> = await engine.platform.listMembers(user, orgId, { limit: 50 });
 */
export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/**
 * Where a request came from, for the SIWE domain and the links in mails.
 *
 * @example
 * const origin: RequestOrigin = { host: 'localhost:8787', origin: 'http://localhost:8787' };
 */
export interface RequestOrigin {
  /** `host[:port]` as the caller addressed the server: the SIWE domain. */
  host: string;
  /** `scheme://host[:port]`. */
  origin: string;
}

/**
 * The signed-in caller of an organization endpoint, from its access token.
 *
 * @example
 * const user: AuthenticatedUser = await engine.platform.authenticate(request.header('authorization'));
 */
export interface AuthenticatedUser {
  user_id: string;
  wallet_address: string;
  permissions: string[];
}
