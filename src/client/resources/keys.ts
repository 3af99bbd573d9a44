import type { IdempotentRequestOptions, RequestOptions } from '../request-options';
import type { Transport } from '../transport';
import type { ApiKeyCreated, ApiKeyInfo, CreateApiKeyParams, ListApiKeysParams, MessageResponse } from '../types';
import type { ApiClient } from './api-client';
import { requireId } from './require-id';

/**
 * Key management (`auth.keys`). Every method needs the admin token.
 *
 * @example
 * const { api_key, key_info } = await auth.keys.create({ name: 'My First Key', service_id: 'prediction' });
 */
export interface KeysResource {
  /**
   * Creates a key. The full key is in `api_key` — shown only here, so store it now. Sent with an
   * `Idempotency-Key` (yours or a fresh one), so a retry never creates a second key.
   *
   * @example
   * const { api_key, key_info } = await auth.keys.create({
   *   name: 'My First Key',
   *   service_id: 'prediction',
   *   scopes: ['predict'],
   *   environment: 'test',
   * });
   * console.log(key_info.key_prefix); // 'hk_test_AbC***'
   */
  create(params: CreateApiKeyParams, options?: IdempotentRequestOptions): Promise<ApiKeyCreated>;

  /**
   * Lists keys, newest first (never the full key).
   *
   * @example
   * const active = await auth.keys.list({ service_id: 'prediction', active_only: true });
   * for (const key of active) console.log(key.key_prefix, key.name);
   */
  list(params?: ListApiKeysParams, options?: RequestOptions): Promise<ApiKeyInfo[]>;

  /**
   * Gets one key's details; a revoked key comes back with `is_active: false`.
   * Throws `NotFoundError` for an unknown id, `BadRequestError` for an id that is not a UUID.
   *
   * @example
   * const info = await auth.keys.get('550e8400-e29b-41d4-a716-446655440000');
   * console.log(info.is_active, info.last_used_at);
   */
  get(keyId: string, options?: RequestOptions): Promise<ApiKeyInfo>;

  /**
   * Replaces a key: the old one stops validating at once; the new one (new `key_id`, new value)
   * keeps its configuration. Sent with an `Idempotency-Key`, so a retry never rotates twice.
   *
   * @example
   * const { api_key: newKey, key_info } = await auth.keys.rotate(oldKeyId);
   * await secrets.put('HOKUSAI_API_KEY', newKey);
   */
  rotate(keyId: string, options?: IdempotentRequestOptions): Promise<ApiKeyCreated>;

  /**
   * Revokes a key, permanently and at once for every later validation.
   *
   * @example
   * const { message } = await auth.keys.revoke(keyId); // 'API key revoked successfully'
   */
  revoke(keyId: string, options?: RequestOptions): Promise<MessageResponse>;
}

/** Builds `auth.keys` (arrow functions, so `const { list } = auth.keys` works too). */
export function keysResource(api: ApiClient, transport: Transport): KeysResource {
  const path = (keyId: string) => ({ path: { key_id: requireId(keyId, 'keyId') } });
  return {
    create: async (params, options) =>
      transport.data({ name: 'keys.create', method: 'POST', admin: true, idempotent: true }, options, (init) =>
        api.POST('/api/v1/keys', { ...init, body: params }),
      ),
    list: async (query, options) =>
      transport.data({ name: 'keys.list', method: 'GET', admin: true }, options, (init) =>
        api.GET('/api/v1/keys', { ...init, params: { query } }),
      ),
    get: async (keyId, options) => {
      const params = path(keyId);
      return transport.data({ name: 'keys.get', method: 'GET', admin: true }, options, (init) =>
        api.GET('/api/v1/keys/{key_id}', { ...init, params }),
      );
    },
    rotate: async (keyId, options) => {
      const params = path(keyId);
      return transport.data({ name: 'keys.rotate', method: 'POST', admin: true, idempotent: true }, options, (init) =>
        api.POST('/api/v1/keys/{key_id}/rotate', { ...init, params }),
      );
    },
    revoke: async (keyId, options) => {
      const params = path(keyId);
      return transport.data({ name: 'keys.revoke', method: 'DELETE', admin: true }, options, (init) =>
        api.DELETE('/api/v1/keys/{key_id}', { ...init, params }),
      );
    },
  };
}
