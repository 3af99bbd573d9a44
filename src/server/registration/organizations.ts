import type { Store } from '../store/types';

/** The one call made on a store that keeps organizations (when the store has them). */
interface OrganizationStore {
  insertOrganization(org: { id: string; name: string; description: string | null; created_by: string; created_at: number; updated_at: number }): unknown;
}

const hasOrganizations = (store: Store): store is Store & OrganizationStore =>
  typeof (store as Partial<OrganizationStore>).insertOrganization === 'function';

/**
 * Records the organization an approval creates: in the store's organizations when the store
 * keeps them, created by the registration (`registration:<id>`); the registration itself
 * always keeps its id and name.
 *
 * @example
 * recordOrganization(store, { id, name: 'Acme AI Labs', registrationId, now });
 */
export function recordOrganization(store: Store, org: { id: string; name: string; registrationId: string; now: number }): void {
  if (!hasOrganizations(store)) return;
  store.insertOrganization({ id: org.id, name: org.name, description: null, created_by: `registration:${org.registrationId}`, created_at: org.now, updated_at: org.now });
}
