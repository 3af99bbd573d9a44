import type { RequestOptions } from '../client/request-options';
import { requireId } from '../client/resources/require-id';
import type { MessageResponse } from '../client/types';
import type { ClientParts } from './client-parts';
import type { BanStatus } from './types';

/**
 * Temporary IP bans that repeated rate-limit violations earn (`auth.admin.bans`, admin token).
 *
 * @example
 * const status = await auth.admin.bans.get('203.0.113.7');
 * await auth.admin.bans.lift('203.0.113.7');
 */
export interface AdminBansResource {
  /** Whether `ip` is banned, until when, and its recent violations. @example const status = await auth.admin.bans.get('203.0.113.7'); */
  get(ip: string, options?: RequestOptions): Promise<BanStatus>;
  /** Lifts a temporary ban and forgets the IP's violations. An IP that is not banned → `NotFoundError`. @example await auth.admin.bans.lift('203.0.113.7'); */
  lift(ip: string, options?: RequestOptions): Promise<MessageResponse>;
}

const PATH = '/api/v1/admin/registration/bans/{ip}';

/** Builds `auth.admin.bans`. */
export function adminBansResource({ api, transport }: ClientParts): AdminBansResource {
  return {
    get: async (ip, options) => {
      const params = { path: { ip: requireId(ip, 'ip') } };
      return transport.data({ name: 'admin.bans.get', method: 'GET', admin: true }, options, (init) => api.GET(PATH, { ...init, params }));
    },
    lift: async (ip, options) => {
      const params = { path: { ip: requireId(ip, 'ip') } };
      return transport.data({ name: 'admin.bans.lift', method: 'DELETE', admin: true }, options, (init) =>
        api.DELETE(PATH, { ...init, params }),
      );
    },
  };
}
