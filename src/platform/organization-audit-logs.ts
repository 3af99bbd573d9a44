import type { RequestOptions } from '../client/request-options';
import { requireId } from '../client/resources/require-id';
import type { PlatformContext } from './context';
import { listPages } from './list-pages';
import type { PagePromise } from './pagination';
import type { AuditLogEntry, ListAuditLogsParams } from './types';

/**
 * The audit log of an organization (`auth.organizations.auditLogs`; admin or owner): one entry
 * per change to the organization, its members, invitations and keys.
 *
 * @example
 * for await (const entry of auth.organizations.auditLogs.list(orgId)) console.log(entry.created_at, entry.action);
 */
export interface AuditLogsResource {
  /**
   * Lists entries, filtered by action and time: `await` it for the first page, `for await` it
   * for every entry.
   *
   * @example
   * const keyEvents = await auth.organizations.auditLogs.list(orgId, { action: 'api_key.created' }).toArray();
   */
  list(orgId: string, params?: ListAuditLogsParams, options?: RequestOptions): PagePromise<AuditLogEntry>;
}

/** Builds `auth.organizations.auditLogs`. */
export function auditLogsResource(context: PlatformContext): AuditLogsResource {
  const { api } = context;
  return {
    list: (orgId, query, options) => {
      const path = { org_id: requireId(orgId, 'orgId') };
      return listPages(context, { name: 'organizations.auditLogs.list', method: 'GET' }, query?.cursor, options, (init, cursor) =>
        api.GET('/api/v1/organizations/{org_id}/audit-logs', { ...init, params: { path, query: { ...query, cursor } } }),
      );
    },
  };
}
