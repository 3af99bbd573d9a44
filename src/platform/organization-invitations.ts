import type { IdempotentRequestOptions, RequestOptions } from '../client/request-options';
import { requireId } from '../client/resources/require-id';
import type { MessageResponse } from '../client/types';
import type { PlatformContext } from './context';
import { listPages } from './list-pages';
import type { PagePromise } from './pagination';
import type { CreateInvitationParams, Invitation, PageParams } from './types';

/**
 * Invitations of an organization (`auth.organizations.invitations`; admin or owner). The token
 * goes to the invitee by email, lives 7 days and works once; the invitee calls
 * `auth.invitations.accept({ token })`.
 *
 * @example
 * const invitation = await auth.organizations.invitations.create(orgId, { email: 'dev@example.com', role: 'developer' });
 */
export interface OrganizationInvitationsResource {
  /**
   * Invites an email address with a role. Sent with an `Idempotency-Key`, so a retry never sends
   * a second invitation.
   *
   * @example
   * const { id, expires_at } = await auth.organizations.invitations.create(orgId, { email: 'dev@example.com', role: 'developer' });
   */
  create(orgId: string, params: CreateInvitationParams, options?: IdempotentRequestOptions): Promise<Invitation>;
  /**
   * Lists the pending invitations: `await` it for the first page, `for await` it for all.
   *
   * @example
   * for await (const invitation of auth.organizations.invitations.list(orgId)) console.log(invitation.email);
   */
  list(orgId: string, params?: PageParams, options?: RequestOptions): PagePromise<Invitation>;
  /** Revokes a pending invitation: its token stops working. @example await auth.organizations.invitations.revoke(orgId, invitationId); */
  revoke(orgId: string, invitationId: string, options?: RequestOptions): Promise<MessageResponse>;
}

/** Builds `auth.organizations.invitations`. */
export function organizationInvitationsResource(context: PlatformContext): OrganizationInvitationsResource {
  const { api, transport, withToken } = context;
  const orgPath = (orgId: string) => ({ org_id: requireId(orgId, 'orgId') });
  return {
    create: async (orgId, body, options) => {
      const path = orgPath(orgId);
      return transport.data(withToken({ name: 'organizations.invitations.create', method: 'POST', idempotent: true }), options, (init) =>
        api.POST('/api/v1/organizations/{org_id}/invitations', { ...init, params: { path }, body }),
      );
    },
    list: (orgId, query, options) => {
      const path = orgPath(orgId);
      return listPages(context, { name: 'organizations.invitations.list', method: 'GET' }, query?.cursor, options, (init, cursor) =>
        api.GET('/api/v1/organizations/{org_id}/invitations', { ...init, params: { path, query: { ...query, cursor } } }),
      );
    },
    revoke: async (orgId, invitationId, options) => {
      const path = { ...orgPath(orgId), invitation_id: requireId(invitationId, 'invitationId') };
      return transport.data(withToken({ name: 'organizations.invitations.revoke', method: 'DELETE' }), options, (init) =>
        api.DELETE('/api/v1/organizations/{org_id}/invitations/{invitation_id}', { ...init, params: { path } }),
      );
    },
  };
}
