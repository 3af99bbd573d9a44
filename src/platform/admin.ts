import type { ClientParts } from './client-parts';
import { adminBansResource, type AdminBansResource } from './admin-bans';
import { adminRegistrationsResource, type AdminRegistrationsResource } from './admin-registrations';
import { adminWhitelistResource, type AdminWhitelistResource } from './admin-whitelist';

/**
 * Operator tools (`auth.admin`, admin token): review applications, whitelist IPs and domains,
 * lift bans.
 *
 * @example
 * const pending = await auth.admin.registrations.list({ status: 'pending_approval' }).toArray();
 */
export interface AdminResource {
  registrations: AdminRegistrationsResource;
  whitelist: AdminWhitelistResource;
  bans: AdminBansResource;
}

/** Builds `auth.admin`. */
export function adminResource(parts: ClientParts): AdminResource {
  return {
    registrations: adminRegistrationsResource(parts),
    whitelist: adminWhitelistResource(parts),
    bans: adminBansResource(parts),
  };
}
