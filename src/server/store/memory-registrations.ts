import type {
  NewStoredRegistration,
  NewStoredWhitelistEntry,
  RegistrationStatus,
  RegistrationStore,
  StoredRegistration,
  StoredWhitelistEntry,
} from './registration-types';
import { emptyStatusCounts } from './registration-types';

const copy = (registration: StoredRegistration): StoredRegistration => structuredClone(registration);

/** Registrations and whitelist entries of `MemoryStore`, as copies so callers cannot change them in place. */
export class MemoryRegistrations implements RegistrationStore {
  readonly #byId = new Map<string, StoredRegistration>();
  readonly #whitelist = new Map<string, StoredWhitelistEntry>();
  #seq = 1;

  insert(registration: NewStoredRegistration): StoredRegistration {
    const stored = { ...copy(registration as StoredRegistration), seq: this.#seq++ };
    this.#byId.set(stored.id, stored);
    return copy(stored);
  }

  save(registration: StoredRegistration): void {
    if (this.#byId.has(registration.id)) this.#byId.set(registration.id, copy(registration));
  }

  find(id: string): StoredRegistration | undefined {
    const found = this.#byId.get(id);
    return found && copy(found);
  }

  latestByEmail(emailKey: string): StoredRegistration | undefined {
    let latest: StoredRegistration | undefined;
    for (const registration of this.#byId.values()) {
      if (registration.email_key === emailKey && (!latest || registration.seq > latest.seq)) latest = registration;
    }
    return latest && copy(latest);
  }

  findByToken(kind: 'verify' | 'claim', tokenHash: string): StoredRegistration | undefined {
    const field = kind === 'verify' ? 'verify_token_hash' : 'claim_token_hash';
    for (const registration of this.#byId.values()) if (registration[field] === tokenHash) return copy(registration);
    return undefined;
  }

  list(filter: { status?: RegistrationStatus; beforeSeq?: number; limit: number }): StoredRegistration[] {
    const matching = [...this.#byId.values()]
      .filter((r) => (filter.status === undefined || r.status === filter.status) && (filter.beforeSeq === undefined || r.seq < filter.beforeSeq))
      .sort((a, b) => b.seq - a.seq);
    return matching.slice(0, filter.limit).map(copy);
  }

  countSince(by: { client_ip: string } | { email_domain: string }, since: number): number {
    let count = 0;
    for (const r of this.#byId.values()) {
      if (r.created_at < since) continue;
      if ('client_ip' in by ? r.client_ip === by.client_ip : r.email_domain === by.email_domain) count += 1;
    }
    return count;
  }

  countByStatus(): Record<RegistrationStatus, number> {
    const counts = emptyStatusCounts();
    for (const r of this.#byId.values()) counts[r.status] += 1;
    return counts;
  }

  insertWhitelist(entry: NewStoredWhitelistEntry): StoredWhitelistEntry {
    const stored = { ...entry, seq: this.#seq++ };
    this.#whitelist.set(stored.id, stored);
    return { ...stored };
  }

  saveWhitelist(entry: StoredWhitelistEntry): void {
    if (this.#whitelist.has(entry.id)) this.#whitelist.set(entry.id, { ...entry });
  }

  findWhitelist(id: string): StoredWhitelistEntry | undefined {
    const found = this.#whitelist.get(id);
    return found && { ...found };
  }

  findWhitelistByValue(type: 'ip' | 'domain', value: string): StoredWhitelistEntry | undefined {
    for (const entry of this.#whitelist.values()) if (entry.type === type && entry.value === value) return { ...entry };
    return undefined;
  }

  deleteWhitelist(id: string): boolean {
    return this.#whitelist.delete(id);
  }

  listWhitelist(filter: { afterSeq?: number; limit: number }): StoredWhitelistEntry[] {
    return [...this.#whitelist.values()]
      .filter((entry) => filter.afterSeq === undefined || entry.seq > filter.afterSeq)
      .sort((a, b) => a.seq - b.seq)
      .slice(0, filter.limit)
      .map((entry) => ({ ...entry }));
  }

  clear(): void {
    this.#byId.clear();
    this.#whitelist.clear();
  }
}
