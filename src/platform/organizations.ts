import type { IdempotentRequestOptions, RequestOptions } from '../client/request-options';
import { requireId } from '../client/resources/require-id';
import type { MessageResponse } from '../client/types';
import type { PlatformContext } from './context';
import { auditLogsResource, type AuditLogsResource } from './organization-audit-logs';
import { organizationInvitationsResource, type OrganizationInvitationsResource } from './organization-invitations';
import { organizationKeysResource, type OrganizationKeysResource } from './organization-keys';
import { membersResource, type MembersResource } from './organization-members';
import { listPages } from './list-pages';
import type { PagePromise } from './pagination';
import type { CreateOrganizationParams, Organization, OrganizationMembership, PageParams, UpdateOrganizationParams } from './types';

/**
 * Organizations and what belongs to them (`auth.organizations`). Every call sends the access
 * token; the server checks the caller's role in the organization: below the endpoint's minimum
 * role → `PermissionDeniedError` (403), not a member → `NotFoundError` (404).
 *
 * @example
 * const org = await auth.organizations.create({ name: 'Acme Research' });
 * for await (const member of auth.organizations.members.list(org.id)) console.log(member.role);
 */
export interface OrganizationsResource {
  /**
   * Creates an organization; the caller becomes its owner. Sent with an `Idempotency-Key`, so a
   * retry never creates a second one.
   *
   * @example
   * const org = await auth.organizations.create({ name: 'Acme Research' });
   */
  create(params: CreateOrganizationParams, options?: IdempotentRequestOptions): Promise<Organization>;
  /**
   * The organizations the caller belongs to, with the caller's role in each: `await` it for the
   * first page, `for await` it for all.
   *
   * @example
   * for await (const { id, name, role } of auth.organizations.list()) console.log(name, role);
   */
  list(params?: PageParams, options?: RequestOptions): PagePromise<OrganizationMembership>;
  /** An organization's details (any member). @example const org = await auth.organizations.get(orgId); */
  get(orgId: string, options?: RequestOptions): Promise<Organization>;
  /** Changes an organization (admin or owner). @example await auth.organizations.update(orgId, { name: 'Acme Labs' }); */
  update(orgId: string, params: UpdateOrganizationParams, options?: RequestOptions): Promise<Organization>;
  /** Deletes an organization with its keys and invitations (owner only). @example await auth.organizations.delete(orgId); */
  delete(orgId: string, options?: RequestOptions): Promise<MessageResponse>;
  /** Members and their roles. */
  readonly members: MembersResource;
  /** Invitations by email (admin or owner). */
  readonly invitations: OrganizationInvitationsResource;
  /** The organization's API keys. */
  readonly keys: OrganizationKeysResource;
  /** Who changed what (admin or owner). */
  readonly auditLogs: AuditLogsResource;
}

/** Builds `auth.organizations`. */
export function organizationsResource(context: PlatformContext): OrganizationsResource {
  const { api, transport, withToken } = context;
  const path = (orgId: string) => ({ path: { org_id: requireId(orgId, 'orgId') } });
  return {
    create: async (body, options) =>
      transport.data(withToken({ name: 'organizations.create', method: 'POST', idempotent: true }), options, (init) =>
        api.POST('/api/v1/organizations', { ...init, body }),
      ),
    list: (query, options) =>
      listPages(context, { name: 'organizations.list', method: 'GET' }, query?.cursor, options, (init, cursor) =>
        api.GET('/api/v1/organizations', { ...init, params: { query: { ...query, cursor } } }),
      ),
    get: async (orgId, options) => {
      const params = path(orgId);
      return transport.data(withToken({ name: 'organizations.get', method: 'GET' }), options, (init) =>
        api.GET('/api/v1/organizations/{org_id}', { ...init, params }),
      );
    },
    update: async (orgId, body, options) => {
      const params = path(orgId);
      return transport.data(withToken({ name: 'organizations.update', method: 'PATCH' }), options, (init) =>
        api.PATCH('/api/v1/organizations/{org_id}', { ...init, params, body }),
      );
    },
    delete: async (orgId, options) => {
      const params = path(orgId);
      return transport.data(withToken({ name: 'organizations.delete', method: 'DELETE' }), options, (init) =>
        api.DELETE('/api/v1/organizations/{org_id}', { ...init, params }),
      );
    },
    members: membersResource(context),
    invitations: organizationInvitationsResource(context),
    keys: organizationKeysResource(context),
    auditLogs: auditLogsResource(context),
  };
}
