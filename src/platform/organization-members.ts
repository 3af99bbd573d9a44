import type { RequestOptions } from '../client/request-options';
import { requireId } from '../client/resources/require-id';
import type { MessageResponse } from '../client/types';
import type { PlatformContext } from './context';
import { listPages } from './list-pages';
import type { PagePromise } from './pagination';
import type { OrganizationMember, PageParams, UpdateMemberParams } from './types';

/**
 * Members of an organization (`auth.organizations.members`).
 *
 * @example
 * for await (const member of auth.organizations.members.list(orgId)) console.log(member.user_id, member.role);
 */
export interface MembersResource {
  /**
   * Lists the members (any member may), a page at a time: `await` it for the first page,
   * `for await` it for every member.
   *
   * @example
   * const admins = [];
   * for await (const member of auth.organizations.members.list(orgId)) if (member.role === 'admin') admins.push(member);
   */
  list(orgId: string, params?: PageParams, options?: RequestOptions): PagePromise<OrganizationMember>;
  /**
   * Changes a member's role (admin or owner; only an owner grants or takes the owner role).
   * Demoting the last owner → `ConflictError` (409).
   *
   * @example
   * await auth.organizations.members.update(orgId, userId, { role: 'admin' });
   */
  update(orgId: string, userId: string, params: UpdateMemberParams, options?: RequestOptions): Promise<OrganizationMember>;
  /** Removes a member (admin or owner); removing the last owner → `ConflictError` (409). @example await auth.organizations.members.remove(orgId, userId); */
  remove(orgId: string, userId: string, options?: RequestOptions): Promise<MessageResponse>;
}

/** Builds `auth.organizations.members`. */
export function membersResource(context: PlatformContext): MembersResource {
  const { api, transport, withToken } = context;
  const memberPath = (orgId: string, userId: string) => ({
    path: { org_id: requireId(orgId, 'orgId'), user_id: requireId(userId, 'userId') },
  });
  return {
    list: (orgId, query, options) => {
      const path = { org_id: requireId(orgId, 'orgId') };
      return listPages(context, { name: 'organizations.members.list', method: 'GET' }, query?.cursor, options, (init, cursor) =>
        api.GET('/api/v1/organizations/{org_id}/members', { ...init, params: { path, query: { ...query, cursor } } }),
      );
    },
    update: async (orgId, userId, body, options) => {
      const params = memberPath(orgId, userId);
      return transport.data(withToken({ name: 'organizations.members.update', method: 'PATCH' }), options, (init) =>
        api.PATCH('/api/v1/organizations/{org_id}/members/{user_id}', { ...init, params, body }),
      );
    },
    remove: async (orgId, userId, options) => {
      const params = memberPath(orgId, userId);
      return transport.data(withToken({ name: 'organizations.members.remove', method: 'DELETE' }), options, (init) =>
        api.DELETE('/api/v1/organizations/{org_id}/members/{user_id}', { ...init, params }),
      );
    },
  };
}
