import type { EngineContext } from '../engine/context';
import { floorToSecond } from '../engine/time';
import { randomUuid } from '../engine/uuid';
import { audit } from './audit';
import { pageRequest, toPage } from './pages';
import type { PageQuery } from './pages';
import { requireRole } from './roles';
import type { AuthenticatedUser, Organization, OrganizationMembership, Page } from './types';
import { toOrganization } from './views';

/**
 * A new organization; the caller is its owner.
 *
 * @example
 * const org = createOrganization(ctx, user, { name: 'Acme Research' });
 */
export function createOrganization(ctx: EngineContext, user: AuthenticatedUser, body: { name: string; description?: string | null }): Organization {
  const now = floorToSecond(ctx.clock.now());
  const org = ctx.store.platform.insertOrganization({
    id: randomUuid(),
    name: body.name,
    description: body.description ?? null,
    created_by: user.user_id,
    created_at: now,
    updated_at: now,
  });
  ctx.store.platform.insertMember({ organization_id: org.id, user_id: user.user_id, role: 'owner', joined_at: now });
  audit(ctx, { organizationId: org.id, actor: user.user_id, action: 'organization.created', target: ['organization', org.id], details: { name: org.name } });
  return toOrganization(org);
}

/** The caller's organizations with its role in each, oldest membership first. */
export function listOrganizations(ctx: EngineContext, user: AuthenticatedUser, query: PageQuery = {}): Page<OrganizationMembership> {
  const request = pageRequest(query);
  const memberships = ctx.store.platform.listMemberships(user.user_id, request);
  return toPage(memberships, request, (member) => ({
    ...toOrganization(ctx.store.platform.findOrganization(member.organization_id)!),
    role: member.role,
  }));
}

/** One organization the caller belongs to. */
export function getOrganization(ctx: EngineContext, user: AuthenticatedUser, organizationId: string): Organization {
  return toOrganization(requireRole(ctx, user, organizationId, 'getOrganization').org);
}

/** Changes the given fields (admin or owner). */
export function updateOrganization(
  ctx: EngineContext,
  user: AuthenticatedUser,
  organizationId: string,
  body: { name?: string; description?: string | null },
): Organization {
  const { org } = requireRole(ctx, user, organizationId, 'updateOrganization');
  const changes = {
    ...(body.name === undefined ? {} : { name: body.name }),
    ...(body.description === undefined ? {} : { description: body.description }),
  };
  const updated = ctx.store.platform.updateOrganization(org.id, { ...changes, updated_at: floorToSecond(ctx.clock.now()) })!;
  audit(ctx, { organizationId: org.id, actor: user.user_id, action: 'organization.updated', target: ['organization', org.id], details: changes });
  return toOrganization(updated);
}

/** Deletes the organization (owner): members and invitations go, its keys are revoked. */
export function deleteOrganization(ctx: EngineContext, user: AuthenticatedUser, organizationId: string): { message: string } {
  const { org } = requireRole(ctx, user, organizationId, 'deleteOrganization');
  let after: number | undefined;
  for (;;) {
    const keys = ctx.store.platform.listOrganizationKeys(org.id, {}, { limit: 100, ...(after === undefined ? {} : { after }) });
    if (keys.length === 0) break;
    for (const key of keys) if (key.is_active && ctx.store.setKeyActive(key.key_id, false)) ctx.limiter.forget(key.key_id);
    after = keys.at(-1)!.seq;
  }
  ctx.store.platform.deleteOrganization(org.id);
  audit(ctx, { organizationId: org.id, actor: user.user_id, action: 'organization.deleted', target: ['organization', org.id], details: { name: org.name } });
  return { message: 'Organization deleted successfully' };
}
