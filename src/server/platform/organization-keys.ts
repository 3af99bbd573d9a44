import { createKey, requireKey } from '../engine/keys';
import type { EngineContext } from '../engine/context';
import { EngineError } from '../engine/errors';
import type { CreateKeyInput } from '../engine/types';
import { audit } from './audit';
import { pageRequest, toPage } from './pages';
import type { PageQuery } from './pages';
import { insufficientPermissions, requireRole } from './roles';
import type { AuthenticatedUser, OrganizationApiKeyCreated, OrganizationApiKeyInfo, Page } from './types';
import { toOrganizationKeyInfo } from './views';

/**
 * An ordinary API key (same rules as `POST /api/v1/keys`) that belongs to the organization;
 * its creator is its `user_id` and `created_by` (developer or stronger).
 */
export async function createOrganizationKey(
  ctx: EngineContext,
  user: AuthenticatedUser,
  organizationId: string,
  body: CreateKeyInput,
): Promise<OrganizationApiKeyCreated> {
  const { org } = requireRole(ctx, user, organizationId, 'createOrganizationApiKey');
  const created = await createKey(ctx, body, user.user_id, { organization_id: org.id, created_by: user.user_id });
  const key = requireKey(ctx, created.key_info.key_id);
  audit(ctx, {
    organizationId: org.id,
    actor: user.user_id,
    action: 'api_key.created',
    target: ['api_key', key.key_id],
    details: { name: key.name, service_id: key.service_id, key_prefix: key.key_prefix },
  });
  return { api_key: created.api_key, key_info: toOrganizationKeyInfo(key) };
}

/** The organization's keys, newest first (any member); `active_only` keeps usable ones. */
export function listOrganizationKeys(
  ctx: EngineContext,
  user: AuthenticatedUser,
  organizationId: string,
  query: PageQuery & { active_only?: boolean } = {},
): Page<OrganizationApiKeyInfo> {
  const { org } = requireRole(ctx, user, organizationId, 'listOrganizationApiKeys');
  const request = pageRequest(query);
  const filter = query.active_only ? { activeAt: ctx.clock.now() } : {};
  const keys = ctx.store.platform.listOrganizationKeys(org.id, filter, request);
  return toPage(keys, request, (key) => toOrganizationKeyInfo(ctx.writes.current(key)));
}

/** Revokes one of the organization's keys; a developer only the keys it created. */
export function revokeOrganizationKey(ctx: EngineContext, user: AuthenticatedUser, organizationId: string, keyId: string): { message: string } {
  const { org, member } = requireRole(ctx, user, organizationId, 'revokeOrganizationApiKey');
  let key;
  try {
    key = requireKey(ctx, keyId);
  } catch (error) {
    if (error instanceof EngineError && error.kind === 'not_found') throw keyNotInOrganization();
    throw error;
  }
  if (key.organization_id !== org.id) throw keyNotInOrganization();
  if (member.role === 'developer' && key.created_by !== user.user_id) throw insufficientPermissions();
  if (ctx.store.setKeyActive(key.key_id, false)) {
    ctx.limiter.forget(key.key_id);
    audit(ctx, { organizationId: org.id, actor: user.user_id, action: 'api_key.revoked', target: ['api_key', key.key_id], details: { name: key.name } });
  }
  return { message: 'API key revoked successfully' };
}

function keyNotInOrganization(): EngineError {
  return new EngineError('not_found', 'API key not found');
}
