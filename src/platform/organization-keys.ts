import type { IdempotentRequestOptions, RequestOptions } from '../client/request-options';
import { requireId } from '../client/resources/require-id';
import type { MessageResponse } from '../client/types';
import type { PlatformContext } from './context';
import { listPages } from './list-pages';
import type { PagePromise } from './pagination';
import type { CreateOrganizationKeyParams, ListOrganizationKeysParams, OrganizationKeyCreated, OrganizationKeyInfo } from './types';

/**
 * API keys of an organization (`auth.organizations.keys`). They are ordinary keys — same format,
 * validation and usage — that also carry `organization_id` and `created_by`.
 *
 * @example
 * const { api_key } = await auth.organizations.keys.create(orgId, { name: 'Team Prediction Key', service_id: 'prediction' });
 */
export interface OrganizationKeysResource {
  /**
   * Creates a key (developer or above). The full key is in `api_key`, shown only here. Sent with
   * an `Idempotency-Key`, so a retry never creates a second key.
   *
   * @example
   * const { api_key, key_info } = await auth.organizations.keys.create(orgId, {
   *   name: 'Team Prediction Key',
   *   service_id: 'prediction',
   *   scopes: ['predict'],
   *   environment: 'test',
   * });
   */
  create(orgId: string, params: CreateOrganizationKeyParams, options?: IdempotentRequestOptions): Promise<OrganizationKeyCreated>;
  /**
   * Lists the keys (any member), newest first, never the full keys: `await` it for the first
   * page, `for await` it for every key. `active_only: true` leaves out revoked and expired keys.
   *
   * @example
   * for await (const key of auth.organizations.keys.list(orgId)) console.log(key.key_prefix, key.created_by);
   */
  list(orgId: string, params?: ListOrganizationKeysParams, options?: RequestOptions): PagePromise<OrganizationKeyInfo>;
  /**
   * Revokes a key: admins and owners any key, developers the keys they created.
   *
   * @example
   * await auth.organizations.keys.revoke(orgId, keyId);
   */
  revoke(orgId: string, keyId: string, options?: RequestOptions): Promise<MessageResponse>;
}

/** Builds `auth.organizations.keys`. */
export function organizationKeysResource(context: PlatformContext): OrganizationKeysResource {
  const { api, transport, withToken } = context;
  const orgPath = (orgId: string) => ({ org_id: requireId(orgId, 'orgId') });
  return {
    create: async (orgId, body, options) => {
      const path = orgPath(orgId);
      return transport.data(withToken({ name: 'organizations.keys.create', method: 'POST', idempotent: true }), options, (init) =>
        api.POST('/api/v1/organizations/{org_id}/api-keys', { ...init, params: { path }, body }),
      );
    },
    list: (orgId, query, options) => {
      const path = orgPath(orgId);
      return listPages(context, { name: 'organizations.keys.list', method: 'GET' }, query?.cursor, options, (init, cursor) =>
        api.GET('/api/v1/organizations/{org_id}/api-keys', { ...init, params: { path, query: { ...query, cursor } } }),
      );
    },
    revoke: async (orgId, keyId, options) => {
      const path = { ...orgPath(orgId), key_id: requireId(keyId, 'keyId') };
      return transport.data(withToken({ name: 'organizations.keys.revoke', method: 'DELETE' }), options, (init) =>
        api.DELETE('/api/v1/organizations/{org_id}/api-keys/{key_id}', { ...init, params: { path } }),
      );
    },
  };
}
