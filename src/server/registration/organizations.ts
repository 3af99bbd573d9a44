import type { Store } from '../store/types';

/**
 * Records the organization an approval creates in the store's organizations, created by the
 * registration (`registration:<id>`); the registration itself keeps its id and name too.
 *
 * @example
 * recordOrganization(store, { id, name: 'Acme AI Labs', registrationId, now });
 */
export function recordOrganization(store: Store, org: { id: string; name: string; registrationId: string; now: number }): void {
  store.platform.insertOrganization({ id: org.id, name: org.name, description: null, created_by: `registration:${org.registrationId}`, created_at: org.now, updated_at: org.now });
}
