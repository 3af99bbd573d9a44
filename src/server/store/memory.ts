import { periodOf } from '../engine/time';
import type { DebitRequest, DebitResult, StoredBalance } from './balance-types';
import { MemoryBalances } from './memory-balances';
import { MemoryRegistrations } from './memory-registrations';
import { MemoryPlatform } from './memory-platform';
import { randomSecretHex } from './random-secret';
import { USAGE_ENDPOINTS_PER_MONTH, USAGE_OTHER_ENDPOINT } from './types';
import type { EndpointUsage, NewStoredKey, NewUsageRecord, Store, StoredKey, StoreSnapshot, UsageRecord, UsageTotals } from './types';

/** The rollups of one key in one month: the total and one entry per endpoint. */
interface MonthRollup {
  total: UsageTotals;
  endpoints: Map<string, EndpointUsage>;
}

/**
 * Options of `MemoryStore`.
 *
 * @example
 * const options: MemoryStoreOptions = { hmacSecret: 'a1b2…' }; // reproducible hashes in tests
 */
export interface MemoryStoreOptions {
  /** Hex secret for key hashing; random when omitted. */
  hmacSecret?: string;
}

/**
 * A store that lives in memory: the default, with no Node-only imports, so it runs in browsers
 * and in msw. Lookups by key hash and key id are map lookups (O(1) in the number of keys).
 *
 * @example
 * const store = new MemoryStore();
 * const app = createApp({ store, adminToken: 'secret' });
 */
export class MemoryStore implements Store {
  readonly kind = 'memory';
  readonly #secret: string;
  readonly #keysById = new Map<string, StoredKey>();
  readonly #keyIdByHash = new Map<string, string>();
  readonly #usage: UsageRecord[] = [];
  readonly #usageByKey = new Map<string, UsageRecord[]>();
  readonly #rollups = new Map<string, MonthRollup>();
  // One copy of each service id and endpoint text: a flood of records for the same endpoint
  // then costs one small object per record, not one string per record.
  readonly #texts = new Map<string, string>();
  readonly #balances = new MemoryBalances((record) => this.insertUsage(record));
  readonly registrations = new MemoryRegistrations();
  /** Users, sign-in nonces, organizations, members, invitations and the audit log. */
  readonly platform = new MemoryPlatform(() => [...this.#keysById.values()]);
  #nextSeq = 1;
  #nextUsageId = 1;
  #closed = false;

  constructor(options: MemoryStoreOptions = {}) {
    this.#secret = options.hmacSecret ?? randomSecretHex();
  }

  hmacSecret(): string {
    return this.#secret;
  }

  clear(): void {
    this.#assertOpen();
    this.#keysById.clear();
    this.#keyIdByHash.clear();
    this.#usage.length = 0;
    this.#usageByKey.clear();
    this.#rollups.clear();
    this.#texts.clear();
    this.#balances.clear();
    this.registrations.clear();
    this.platform.clear();
  }

  getBalance(owner: string): StoredBalance | undefined {
    this.#assertOpen();
    return this.#balances.getBalance(owner);
  }

  setBalance(owner: string, balance: StoredBalance): void {
    this.#assertOpen();
    this.#balances.setBalance(owner, balance);
  }

  openBalance(owner: string, initial: StoredBalance): StoredBalance {
    this.#assertOpen();
    return this.#balances.openBalance(owner, initial);
  }

  debit(request: DebitRequest): DebitResult {
    this.#assertOpen();
    return this.#balances.debit(request);
  }

  insertKey(key: NewStoredKey): StoredKey {
    this.#assertOpen();
    if (this.#keysById.has(key.key_id) || this.#keyIdByHash.has(key.key_hash)) {
      throw new Error('Duplicate key_id or key hash');
    }
    const stored: StoredKey = { ...copyKey(key as StoredKey), seq: this.#nextSeq++ };
    this.#keysById.set(stored.key_id, stored);
    this.#keyIdByHash.set(stored.key_hash, stored.key_id);
    return copyKey(stored);
  }

  findKeyById(keyId: string): StoredKey | undefined {
    this.#assertOpen();
    const key = this.#keysById.get(keyId);
    return key && copyKey(key);
  }

  findKeyByHash(keyHash: string): StoredKey | undefined {
    this.#assertOpen();
    const keyId = this.#keyIdByHash.get(keyHash);
    return keyId === undefined ? undefined : this.findKeyById(keyId);
  }

  listKeys(filter: { service_id?: string } = {}): StoredKey[] {
    this.#assertOpen();
    const keys = [...this.#keysById.values()].filter(
      (key) => filter.service_id === undefined || key.service_id === filter.service_id,
    );
    return keys.sort((a, b) => b.created_at - a.created_at || b.seq - a.seq).map(copyKey);
  }

  setKeyActive(keyId: string, active: boolean): boolean {
    this.#assertOpen();
    const key = this.#keysById.get(keyId);
    if (!key || key.is_active === active) return false;
    key.is_active = active;
    return true;
  }

  touchKey(keyId: string, lastUsedAt: number): void {
    this.#assertOpen();
    const key = this.#keysById.get(keyId);
    if (key) key.last_used_at = lastUsedAt;
  }

  replaceKey(oldKeyId: string, replacement: NewStoredKey): StoredKey | undefined {
    this.#assertOpen();
    const old = this.#keysById.get(oldKeyId);
    if (!old?.is_active) return undefined;
    // Insert first: if it throws, the old key stays active (all-or-nothing like the SQL store).
    const inserted = this.insertKey(replacement);
    old.is_active = false;
    return inserted;
  }

  insertUsage(record: NewUsageRecord): UsageRecord {
    this.#assertOpen();
    const stored: UsageRecord = {
      ...record,
      service_id: this.#intern(record.service_id),
      endpoint: this.#intern(record.endpoint),
      id: this.#nextUsageId++,
    };
    this.#addToRollups(stored);
    this.#usage.push(stored);
    const perKey = this.#usageByKey.get(stored.key_id);
    if (perKey) perKey.push(stored);
    else this.#usageByKey.set(stored.key_id, [stored]);
    return { ...stored };
  }

  usageTotals(keyId: string, period: string): UsageTotals | undefined {
    this.#assertOpen();
    const rollup = this.#rollups.get(`${keyId} ${period}`);
    return rollup && { ...rollup.total };
  }

  usageByEndpoint(keyId: string, period: string): EndpointUsage[] {
    this.#assertOpen();
    const rollup = this.#rollups.get(`${keyId} ${period}`);
    return rollup ? [...rollup.endpoints.values()].map((entry) => ({ ...entry })) : [];
  }

  usageForKey(keyId: string, from: number, to: number): UsageRecord[] {
    this.#assertOpen();
    return inRange(this.#usageByKey.get(keyId) ?? [], from, to);
  }

  usageBetween(from: number, to: number): UsageRecord[] {
    this.#assertOpen();
    return inRange(this.#usage, from, to);
  }

  ping(): boolean {
    return !this.#closed;
  }

  snapshot(): StoreSnapshot {
    return {
      keys: [...this.#keysById.values()].sort((a, b) => a.seq - b.seq).map(copyKey),
      usage: this.#usage.map((record) => ({ ...record })),
    };
  }

  close(): void {
    this.#closed = true;
  }

  #intern(text: string): string {
    const known = this.#texts.get(text);
    if (known !== undefined) return known;
    this.#texts.set(text, text);
    return text;
  }

  #addToRollups(record: UsageRecord): void {
    const id = `${record.key_id} ${periodOf(record.recorded_at)}`;
    let rollup = this.#rollups.get(id);
    if (!rollup) {
      rollup = { total: emptyTotals(), endpoints: new Map() };
      this.#rollups.set(id, rollup);
    }
    let endpoint = rollup.endpoints.get(record.endpoint);
    if (!endpoint) {
      const name = rollup.endpoints.size >= USAGE_ENDPOINTS_PER_MONTH ? USAGE_OTHER_ENDPOINT : record.endpoint;
      endpoint = rollup.endpoints.get(name) ?? { endpoint: name, ...emptyTotals() };
      rollup.endpoints.set(name, endpoint);
    }
    addRecord(rollup.total, record);
    addRecord(endpoint, record);
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('Store is closed');
  }
}

function copyKey(key: StoredKey): StoredKey {
  return { ...key, scopes: [...key.scopes], allowed_ips: key.allowed_ips === null ? null : [...key.allowed_ips] };
}

function emptyTotals(): UsageTotals {
  return { requests: 0, errors: 0, predictions: 0, compute_ms: 0, response_time_ms: 0 };
}

function addRecord(totals: UsageTotals, record: UsageRecord): void {
  totals.requests += 1;
  if (record.status_code >= 400) totals.errors += 1;
  totals.predictions += record.predictions_count;
  totals.compute_ms += record.compute_ms;
  totals.response_time_ms += record.response_time_ms;
}

function inRange(records: UsageRecord[], from: number, to: number): UsageRecord[] {
  return records
    .filter((record) => record.recorded_at >= from && record.recorded_at < to)
    .sort((a, b) => a.recorded_at - b.recorded_at || a.id - b.id)
    .map((record) => ({ ...record }));
}
