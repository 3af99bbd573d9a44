import type { RequestOptions } from '../client/request-options';
import { requireId } from '../client/resources/require-id';
import type { MessageResponse } from '../client/types';
import type { ClientParts } from './client-parts';
import { PageList } from './page-list';
import type { NewWhitelistEntry, AdminPageParams, WhitelistEntry } from './types';

/**
 * IPs and email domains that bypass the registration rate limits and bans
 * (`auth.admin.whitelist`, admin token).
 *
 * @example
 * const entry = await auth.admin.whitelist.add({ type: 'domain', value: 'acme.ai', note: 'Partner' });
 * await auth.admin.whitelist.disable(entry.id);
 */
export interface AdminWhitelistResource {
  /**
   * Every entry, oldest first, across pages (or `.pages()` for pages of up to `limit`).
   *
   * @example
   * for await (const entry of auth.admin.whitelist.list()) console.log(entry.type, entry.value, entry.enabled);
   */
  list(params?: AdminPageParams, options?: RequestOptions): PageList<WhitelistEntry>;
  /**
   * Adds an IP or an email domain. The same type and value twice → `ConflictError`.
   *
   * @example
   * const entry = await auth.admin.whitelist.add({ type: 'ip', value: '203.0.113.7', note: 'Office' });
   */
  add(entry: NewWhitelistEntry, options?: RequestOptions): Promise<WhitelistEntry>;
  /** Turns an entry back on. @example await auth.admin.whitelist.enable(id); */
  enable(id: string, options?: RequestOptions): Promise<WhitelistEntry>;
  /** Keeps an entry but stops it bypassing the limits. @example await auth.admin.whitelist.disable(id); */
  disable(id: string, options?: RequestOptions): Promise<WhitelistEntry>;
  /** Deletes an entry. Unknown id → `NotFoundError`. @example await auth.admin.whitelist.remove(id); */
  remove(id: string, options?: RequestOptions): Promise<MessageResponse>;
}

const LIST = '/api/v1/admin/registration/whitelist';
const ITEM = '/api/v1/admin/registration/whitelist/{entry_id}';

/** Builds `auth.admin.whitelist`. */
export function adminWhitelistResource({ api, transport }: ClientParts): AdminWhitelistResource {
  const path = (id: string) => ({ path: { entry_id: requireId(id, 'id') } });
  const setEnabled = (enabled: boolean) => async (id: string, options?: RequestOptions) => {
    const params = path(id);
    return transport.data({ name: `admin.whitelist.${enabled ? 'enable' : 'disable'}`, method: 'PATCH', admin: true }, options, (init) =>
      api.PATCH(ITEM, { ...init, params, body: { enabled } }),
    );
  };
  return {
    list: (query = {}, options) =>
      new PageList((cursor) =>
        transport.data({ name: 'admin.whitelist.list', method: 'GET', admin: true }, options, (init) =>
          api.GET(LIST, { ...init, params: { query: cursor === undefined ? query : { ...query, cursor } } }),
        ),
      ),
    add: async (body, options) =>
      transport.data({ name: 'admin.whitelist.add', method: 'POST', admin: true }, options, (init) => api.POST(LIST, { ...init, body })),
    enable: setEnabled(true),
    disable: setEnabled(false),
    remove: async (id, options) => {
      const params = path(id);
      return transport.data({ name: 'admin.whitelist.remove', method: 'DELETE', admin: true }, options, (init) => api.DELETE(ITEM, { ...init, params }));
    },
  };
}
