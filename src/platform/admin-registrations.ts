import type { RequestOptions } from '../client/request-options';
import { requireId } from '../client/resources/require-id';
import type { ClientParts } from './client-parts';
import { PageList } from './page-list';
import type { ListRegistrationsParams, RegistrationDetail } from './types';

/**
 * Reviewing applications (`auth.admin.registrations`, admin token): list, look at the flags of
 * fraud screening, approve or reject.
 *
 * @example
 * for await (const registration of auth.admin.registrations.list({ status: 'pending_approval' })) {
 *   if (registration.flags.length === 0) await auth.admin.registrations.approve(registration.id);
 * }
 */
export interface AdminRegistrationsResource {
  /**
   * Applications, newest first, optionally only those in `status`. Iterate it for every
   * application across pages, or use `.pages()` / `.firstPage()` for pages of up to `limit`.
   *
   * @example
   * const waiting = await auth.admin.registrations.list({ status: 'pending_approval' }).toArray();
   */
  list(params?: ListRegistrationsParams, options?: RequestOptions): PageList<RegistrationDetail>;

  /**
   * One application with its screening `flags` and status history. Unknown id → `NotFoundError`.
   *
   * @example
   * const { status, flags } = await auth.admin.registrations.get(id);
   */
  get(id: string, options?: RequestOptions): Promise<RegistrationDetail>;

  /**
   * Approves an application awaiting approval: the server creates a production key and an
   * organization and mails the applicant a single-use claim link. Not awaiting approval →
   * `ConflictError`. Not retried.
   *
   * @example
   * const { status, key_id } = await auth.admin.registrations.approve(id); // 'approved'
   */
  approve(id: string, reason?: string, options?: RequestOptions): Promise<RegistrationDetail>;

  /**
   * Rejects an application with the reason its applicant is mailed. The applicant may apply
   * again. Not retried.
   *
   * @example
   * await auth.admin.registrations.reject(id, 'We could not verify the organization.');
   */
  reject(id: string, reason: string, options?: RequestOptions): Promise<RegistrationDetail>;
}

const ITEM = '/api/v1/admin/registrations/{registration_id}';

/** Builds `auth.admin.registrations`. */
export function adminRegistrationsResource({ api, transport }: ClientParts): AdminRegistrationsResource {
  const path = (id: string) => ({ path: { registration_id: requireId(id, 'id') } });
  const review = (action: 'approve' | 'reject') => async (id: string, reason?: string, options?: RequestOptions) => {
    const params = path(id);
    const body = reason === undefined ? { action } : { action, reason };
    return transport.data({ name: `admin.registrations.${action}`, method: 'PATCH', admin: true }, options, (init) =>
      api.PATCH(ITEM, { ...init, params, body }),
    );
  };
  return {
    list: (query = {}, options) =>
      new PageList((cursor) =>
        transport.data({ name: 'admin.registrations.list', method: 'GET', admin: true }, options, (init) =>
          api.GET('/api/v1/admin/registrations', { ...init, params: { query: cursor === undefined ? query : { ...query, cursor } } }),
        ),
      ),
    get: async (id, options) => {
      const params = path(id);
      return transport.data({ name: 'admin.registrations.get', method: 'GET', admin: true }, options, (init) => api.GET(ITEM, { ...init, params }));
    },
    approve: review('approve'),
    reject: review('reject'),
  };
}
