import { EngineError } from '../engine/errors';
import type { EngineContext } from '../engine/context';
import type { MemberRole } from '../store/platform-types';
import { audit } from './audit';
import { requireUuid } from './ids';
import { pageRequest, toPage } from './pages';
import type { PageQuery } from './pages';
import { insufficientPermissions, requireRole } from './roles';
import type { AuthenticatedUser, OrganizationMember, Page } from './types';
import { toMember } from './views';

/** 409 when a change would leave no owner. */
export const LAST_OWNER = 'An organization must keep at least one owner';

/** Members in joining order (any member may list them). */
export function listMembers(ctx: EngineContext, user: AuthenticatedUser, organizationId: string, query: PageQuery = {}): Page<OrganizationMember> {
  const { org } = requireRole(ctx, user, organizationId, 'listOrganizationMembers');
  const request = pageRequest(query);
  return toPage(ctx.store.platform.listMembers(org.id, request), request, (member) => toMember(ctx, member));
}

/**
 * Changes a member's role (admin or owner). Only an owner grants the owner role or changes an
 * owner's role; the last owner cannot be demoted (409).
 */
export function updateMember(
  ctx: EngineContext,
  user: AuthenticatedUser,
  organizationId: string,
  memberUserId: string,
  body: { role: MemberRole },
): OrganizationMember {
  const { org, member: caller } = requireRole(ctx, user, organizationId, 'updateOrganizationMember');
  const target = requireTarget(ctx, org.id, memberUserId);
  if ((body.role === 'owner' || target.role === 'owner') && caller.role !== 'owner') throw insufficientPermissions();
  if (target.role === 'owner' && body.role !== 'owner' && ctx.store.platform.countOwners(org.id) <= 1) {
    throw new EngineError('conflict', LAST_OWNER);
  }
  const updated = ctx.store.platform.setMemberRole(org.id, target.user_id, body.role)!;
  if (target.role !== body.role) {
    audit(ctx, {
      organizationId: org.id,
      actor: user.user_id,
      action: 'member.role_updated',
      target: ['member', target.user_id],
      details: { from: target.role, to: body.role },
    });
  }
  return toMember(ctx, updated);
}

/** Removes a member (admin or owner; only an owner removes an owner; never the last owner). */
export function removeMember(ctx: EngineContext, user: AuthenticatedUser, organizationId: string, memberUserId: string): { message: string } {
  const { org, member: caller } = requireRole(ctx, user, organizationId, 'removeOrganizationMember');
  const target = requireTarget(ctx, org.id, memberUserId);
  if (target.role === 'owner' && caller.role !== 'owner') throw insufficientPermissions();
  if (target.role === 'owner' && ctx.store.platform.countOwners(org.id) <= 1) throw new EngineError('conflict', LAST_OWNER);
  ctx.store.platform.deleteMember(org.id, target.user_id);
  audit(ctx, { organizationId: org.id, actor: user.user_id, action: 'member.removed', target: ['member', target.user_id], details: { role: target.role } });
  return { message: 'Member removed successfully' };
}

function requireTarget(ctx: EngineContext, organizationId: string, memberUserId: string) {
  const member = ctx.store.platform.findMember(organizationId, requireUuid(memberUserId, 'user_id'));
  if (!member) throw new EngineError('not_found', 'Member not found');
  return member;
}
