import { EngineError } from '../engine/errors';
import type { EngineContext } from '../engine/context';
import type { MemberRole, StoredMember, StoredOrganization } from '../store/platform-types';
import { requireUuid } from './ids';
import type { AuthenticatedUser } from './types';

/** Roles, strongest first. */
export const ROLES: readonly MemberRole[] = ['owner', 'admin', 'developer', 'viewer'];

/**
 * The minimum role of every organization operation that needs membership (the table of the
 * public API reference). Creating an organization and accepting an invitation need only a
 * signed-in user.
 *
 * @example
 * MINIMUM_ROLE.createOrganizationApiKey; // 'developer'
 */
export const MINIMUM_ROLE = {
  getOrganization: 'viewer',
  updateOrganization: 'admin',
  deleteOrganization: 'owner',
  listOrganizationMembers: 'viewer',
  updateOrganizationMember: 'admin',
  removeOrganizationMember: 'admin',
  createInvitation: 'admin',
  listInvitations: 'admin',
  revokeInvitation: 'admin',
  createOrganizationApiKey: 'developer',
  listOrganizationApiKeys: 'viewer',
  revokeOrganizationApiKey: 'developer',
  listAuditLogs: 'admin',
} as const satisfies Record<string, MemberRole>;

/** An operation of `MINIMUM_ROLE`. */
export type MemberOperation = keyof typeof MINIMUM_ROLE;

/**
 * True when `role` is `minimum` or stronger.
 *
 * @example
 * atLeast('admin', 'developer'); // true
 */
export function atLeast(role: MemberRole, minimum: MemberRole): boolean {
  return ROLES.indexOf(role) <= ROLES.indexOf(minimum);
}

/**
 * The organization and the caller's membership, when the caller may run `operation` on it: a
 * non-member gets 404 (organizations are not enumerable), a member below the operation's
 * minimum role 403.
 *
 * @example
 * const { org, member } = requireRole(ctx, user, orgId, 'updateOrganization');
 */
export function requireRole(
  ctx: EngineContext,
  user: AuthenticatedUser,
  organizationId: string,
  operation: MemberOperation,
): { org: StoredOrganization; member: StoredMember } {
  const id = requireUuid(organizationId, 'org_id');
  const org = ctx.store.platform.findOrganization(id);
  const member = org && ctx.store.platform.findMember(id, user.user_id);
  if (!org || !member) throw organizationNotFound();
  if (!atLeast(member.role, MINIMUM_ROLE[operation])) throw insufficientPermissions();
  return { org, member };
}

/** 403 `Insufficient permissions`. */
export function insufficientPermissions(): EngineError {
  return new EngineError('forbidden', 'Insufficient permissions');
}

/** 404 `Organization not found`. */
export function organizationNotFound(): EngineError {
  return new EngineError('not_found', 'Organization not found');
}
