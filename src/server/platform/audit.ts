import type { EngineContext } from '../engine/context';
import { invalidParameters } from '../engine/errors';
import { floorToSecond } from '../engine/time';
import { randomUuid } from '../engine/uuid';
import { pageRequest, toPage } from './pages';
import type { PageQuery } from './pages';
import { requireRole } from './roles';
import type { AuditAction, AuditLogEntry, AuthenticatedUser, Page } from './types';
import { toAuditEntry } from './views';

/**
 * Writes one audit-log entry for a change; `details` never holds a token or a full key.
 *
 * @example
 * audit(ctx, { organizationId, actor: user.user_id, action: 'member.removed', target: ['member', userId], details: { role } });
 */
export function audit(
  ctx: EngineContext,
  entry: {
    organizationId: string;
    actor: string;
    action: AuditAction;
    target: [AuditLogEntry['target_type'], string];
    details?: Record<string, unknown>;
  },
): void {
  ctx.store.platform.insertAudit({
    id: randomUuid(),
    organization_id: entry.organizationId,
    actor_user_id: entry.actor,
    action: entry.action,
    target_type: entry.target[0],
    target_id: entry.target[1],
    details: entry.details ?? {},
    created_at: floorToSecond(ctx.clock.now()),
  });
}

/**
 * The organization's audit log, newest first (admin or owner); `since` inclusive, `until`
 * exclusive (ISO 8601).
 *
 * @example
 * listAuditLogs(ctx, user, orgId, { action: 'api_key.created', limit: 20 });
 */
export function listAuditLogs(
  ctx: EngineContext,
  user: AuthenticatedUser,
  organizationId: string,
  query: PageQuery & { action?: AuditAction; since?: string; until?: string } = {},
): Page<AuditLogEntry> {
  const { org } = requireRole(ctx, user, organizationId, 'listAuditLogs');
  const request = pageRequest(query);
  const filter = {
    ...(query.action === undefined ? {} : { action: query.action }),
    ...(query.since === undefined ? {} : { since: timeOf(query.since, 'since') }),
    ...(query.until === undefined ? {} : { until: timeOf(query.until, 'until') }),
  };
  return toPage(ctx.store.platform.listAudit(org.id, filter, request), request, toAuditEntry);
}

function timeOf(text: string, field: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw invalidParameters([{ field, message: 'Must be an ISO 8601 date-time' }]);
  return ms;
}
