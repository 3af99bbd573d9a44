// Public names of the platform's wire types. Fields stay snake_case, exactly as on the wire.
import type { Query, RequestBody, StatusBody, SuccessBody } from './wire';

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type ItemOf<L> = L extends { data: (infer T)[] } ? T : never;
type OrgPath = '/api/v1/organizations/{org_id}';

/** Body of `auth.siwe.challenge`. @example const params: SiweChallengeParams = { wallet_address: '0x742d35Cc6634C0532925a3b844Bc9e7595f2bD18' }; */
export type SiweChallengeParams = RequestBody<'/auth/siwe/challenge', 'post'>;
/** The EIP-4361 message to sign and its nonce. @example const { message, nonce } = challenge; */
export type SiweChallenge = SuccessBody<'/auth/siwe/challenge', 'post'>;
/** Body of `auth.siwe.verify`. @example const params: SiweVerifyParams = { message, signature }; */
export type SiweVerifyParams = RequestBody<'/auth/siwe/verify', 'post'>;
/** A signed-in user: the access token (JWT) and who it is for. @example const { access_token, user_id, is_new_user } = session; */
export type SiweSession = SuccessBody<'/auth/siwe/verify', 'post'>;

/** Checks of `auth.tokens.validate` besides the token. @example const params: ValidateTokenParams = { service: 'prediction' }; */
export type ValidateTokenParams = Simplify<Omit<RequestBody<'/api/v1/tokens/validate', 'post'>, 'token'>>;
/** A good token's user. @example if (result.valid) console.log(result.wallet_address); */
export type TokenValidationSuccess = SuccessBody<'/api/v1/tokens/validate', 'post'>;
/** A refused token: `error` says why. @example if (!result.valid) console.warn(result.error); */
export type TokenValidationFailure = StatusBody<'/api/v1/tokens/validate', 'post', 401>;
/** What `auth.tokens.validate` answers. @example const ok = (r: TokenValidation) => r.valid; */
export type TokenValidation = TokenValidationSuccess | TokenValidationFailure;

/** An organization. @example const { id, name } = org; */
export type Organization = SuccessBody<OrgPath, 'get'>;
/** An organization the caller belongs to, with the caller's `role` in it. @example const { id, name, role } = membership; */
export type OrganizationMembership = ItemOf<SuccessBody<'/api/v1/organizations', 'get'>>;
/** Body of `auth.organizations.create`. @example const params: CreateOrganizationParams = { name: 'Acme Research' }; */
export type CreateOrganizationParams = RequestBody<'/api/v1/organizations', 'post'>;
/** Body of `auth.organizations.update`: the fields to change. @example const params: UpdateOrganizationParams = { name: 'Acme Labs' }; */
export type UpdateOrganizationParams = RequestBody<OrgPath, 'patch'>;
/** A member's role, strongest first: owner, admin, developer, viewer. @example const role: OrganizationRole = 'developer'; */
export type OrganizationRole = UpdateMemberParams['role'];

/** A member of an organization. @example const { user_id, role } = member; */
export type OrganizationMember = ItemOf<SuccessBody<`${OrgPath}/members`, 'get'>>;
/** Body of `auth.organizations.members.update`. @example const params: UpdateMemberParams = { role: 'admin' }; */
export type UpdateMemberParams = RequestBody<`${OrgPath}/members/{user_id}`, 'patch'>;

/** A pending invitation (never its token, which goes out by email). @example const { email, role, expires_at } = invitation; */
export type Invitation = SuccessBody<`${OrgPath}/invitations`, 'post'>;
/** Body of `auth.organizations.invitations.create`. @example const params: CreateInvitationParams = { email: 'dev@example.com', role: 'developer' }; */
export type CreateInvitationParams = RequestBody<`${OrgPath}/invitations`, 'post'>;
/** Body of `auth.invitations.accept`. @example const params: AcceptInvitationParams = { token }; */
export type AcceptInvitationParams = RequestBody<'/api/v1/invitations/accept', 'post'>;
/** What accepting an invitation answers: the new membership. @example const { organization_id, role } = accepted; */
export type InvitationAccepted = SuccessBody<'/api/v1/invitations/accept', 'post'>;

/** Body of `auth.organizations.keys.create`. @example const params: CreateOrganizationKeyParams = { name: 'Team Prediction Key', service_id: 'prediction' }; */
export type CreateOrganizationKeyParams = RequestBody<`${OrgPath}/api-keys`, 'post'>;
/** A new organization key: the full key (shown only here) and its details. @example const { api_key, key_info } = created; */
export type OrganizationKeyCreated = SuccessBody<`${OrgPath}/api-keys`, 'post'>;
/** An organization key's details (never the full key). @example const { key_prefix, created_by } = key; */
export type OrganizationKeyInfo = ItemOf<SuccessBody<`${OrgPath}/api-keys`, 'get'>>;

/** One audit-log entry. @example const { action, actor_user_id, created_at } = entry; */
export type AuditLogEntry = ItemOf<SuccessBody<`${OrgPath}/audit-logs`, 'get'>>;
/** Filter, page size and cursor of `auth.organizations.keys.list`. @example const params: ListOrganizationKeysParams = { active_only: true }; */
export type ListOrganizationKeysParams = Query<`${OrgPath}/api-keys`, 'get'>;
/** Filters of `auth.organizations.auditLogs.list`, plus page size and cursor. @example const params: ListAuditLogsParams = { action: 'member.role_changed', limit: 50 }; */
export type ListAuditLogsParams = Query<`${OrgPath}/audit-logs`, 'get'>;
/** Page size and where to start, for the lists without filters. @example const params: PageParams = { limit: 20 }; */
export type PageParams = Query<'/api/v1/organizations', 'get'>;
export type * from './registration-types';
