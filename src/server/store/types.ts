import type { BalanceStore } from './balance-types';
import type { RegistrationStore } from './registration-types';
import type { PlatformStore } from './platform-types';

/**
 * The persistence boundary of the stub server. Synchronous on purpose: both the in-memory map
 * and better-sqlite3 answer synchronously, which keeps check-then-update steps (rotation,
 * rate limits) atomic without locks. Keys are held only as a hash (`key_hash`), never in
 * plain text.
 */

/**
 * One API key as stored. Times are epoch milliseconds. `seq` orders keys by creation, so
 * "newest first" stays stable when several keys share a timestamp.
 *
 * @example
 * const key: StoredKey = store.findKeyById('550e8400-e29b-41d4-a716-446655440000')!;
 * key.key_hash; // HMAC-SHA-256 hex of the key, never the key itself
 */
export interface StoredKey {
  seq: number;
  key_id: string;
  key_hash: string;
  name: string;
  key_prefix: string;
  user_id: string;
  service_id: string;
  scopes: string[];
  environment: string;
  is_active: boolean;
  rate_limit_per_hour: number;
  monthly_prediction_limit: number | null;
  allowed_ips: string[] | null;
  billing_plan: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  /** The organization of an organization key; null (or absent) for other keys. */
  organization_id?: string | null;
  /** The user who created an organization key; null (or absent) for other keys. */
  created_by?: string | null;
}

/**
 * A key about to be inserted: the store assigns `seq`.
 *
 * @example
 * const input: NewStoredKey = { ...fields, key_hash: hasher(apiKey) };
 */
export type NewStoredKey = Omit<StoredKey, 'seq'>;

/**
 * One usage record (`POST /api/v1/usage/{key_id}` or a call to `/v1/models`), stamped with
 * the server's time in epoch milliseconds.
 *
 * @example
 * const record: UsageRecord = store.usageForKey(keyId, from, to)[0]!;
 */
export interface UsageRecord {
  id: number;
  key_id: string;
  service_id: string;
  endpoint: string;
  status_code: number;
  response_time_ms: number;
  predictions_count: number;
  compute_ms: number;
  recorded_at: number;
}

/**
 * A usage record about to be inserted: the store assigns `id`.
 *
 * @example
 * store.insertUsage({ key_id, service_id: 'prediction', endpoint: '/v1/predict', status_code: 200,
 *   response_time_ms: 12, predictions_count: 1, compute_ms: 8, recorded_at: clock.now() });
 */
export type NewUsageRecord = Omit<UsageRecord, 'id'>;

/**
 * Usage totals of one key in one month (or of one endpoint in it). `response_time_ms` is the
 * sum, for averages. Totals stay exact: the engine refuses a record that would take one past
 * `Number.MAX_SAFE_INTEGER`.
 *
 * @example
 * const totals: UsageTotals = store.usageTotals(keyId, '2025-01') ?? emptyTotals();
 */
export interface UsageTotals {
  requests: number;
  errors: number;
  predictions: number;
  compute_ms: number;
  response_time_ms: number;
}

/**
 * The totals of one endpoint of a key in one month.
 *
 * @example
 * const top: EndpointUsage[] = store.usageByEndpoint(keyId, '2025-01');
 */
export interface EndpointUsage extends UsageTotals {
  endpoint: string;
}

/**
 * Past this many distinct endpoints in one key's month, further new endpoints are counted under
 * `USAGE_OTHER_ENDPOINT`, so statistics stay O(endpoints) whatever callers send.
 */
export const USAGE_ENDPOINTS_PER_MONTH = 1000;
/** The rollup that holds endpoints past `USAGE_ENDPOINTS_PER_MONTH`. */
export const USAGE_OTHER_ENDPOINT = '(other)';

/**
 * Everything a store holds, for inspection in tests and debugging. Contains hashes only.
 *
 * @example
 * const { keys, usage } = store.snapshot();
 */
export interface StoreSnapshot {
  keys: StoredKey[];
  usage: UsageRecord[];
}

/**
 * What the engine needs from a store. `MemoryStore` (default, runs anywhere) and `SqliteStore`
 * (Node, persistent) implement it.
 *
 * @example
 * const store: Store = new MemoryStore();
 * const app = createApp({ store });
 */
export interface Store extends BalanceStore {
  /** `memory` or `sqlite`; shown by `/ready`. */
  readonly kind: string;
  /** The per-store secret keys are hashed with (hex); created once, kept for the store's life. */
  hmacSecret(): string;
  /** Users, sign-in nonces, organizations, members, invitations and the audit log. */
  readonly platform: PlatformStore;
  insertKey(key: NewStoredKey): StoredKey;
  findKeyById(keyId: string): StoredKey | undefined;
  findKeyByHash(keyHash: string): StoredKey | undefined;
  /** Newest first; `service_id` filters when given. */
  listKeys(filter?: { service_id?: string }): StoredKey[];
  /**
   * Sets the flag only if it differs, checked in the same statement (so two processes or two
   * requests cannot both "win"). Returns true when this call changed the key.
   */
  setKeyActive(keyId: string, active: boolean): boolean;
  touchKey(keyId: string, lastUsedAt: number): void;
  /**
   * Deactivates `oldKeyId` and inserts `replacement` as one atomic step, only while the old key
   * is still active (checked in the same statement): undefined when it is missing or inactive,
   * so of two concurrent rotations exactly one succeeds.
   */
  replaceKey(oldKeyId: string, replacement: NewStoredKey): StoredKey | undefined;
  /** Stores a record and adds it to the rollups of its key, month (`YYYY-MM`) and endpoint. */
  insertUsage(record: NewUsageRecord): UsageRecord;
  /** The totals of one key in one month (O(1)); undefined when it has no record that month. */
  usageTotals(keyId: string, period: string): UsageTotals | undefined;
  /** The totals of one key in one month per endpoint (O(endpoints), at most `USAGE_ENDPOINTS_PER_MONTH` + 1). */
  usageByEndpoint(keyId: string, period: string): EndpointUsage[];
  /** Records of one key with `from <= recorded_at < to`, oldest first. */
  usageForKey(keyId: string, from: number, to: number): UsageRecord[];
  /** Records of all keys with `from <= recorded_at < to`, oldest first. */
  usageBetween(from: number, to: number): UsageRecord[];
  /**
   * True when a write can wait on a lock held elsewhere (SQLite): the engine then writes
   * `last_used_at` and rate-limit windows after answering, never on the validation path.
   */
  readonly deferWrites?: boolean;
  /** Rate-limit windows kept across restarts (epoch-ms times per key); absent: engine memory only. */
  loadRateWindows?(): Map<string, number[]>;
  /** Replaces the stored windows of these keys; an empty list deletes a key's window. */
  saveRateWindows?(windows: Map<string, number[]>): void;
  /** Registrations and the registration whitelist. */
  readonly registrations: RegistrationStore;
  /** True when the store can answer queries (used by `/ready`). */
  ping(): boolean;
  /** Removes every key, usage record, balance, registration, user, nonce and organization (test controls' reset); the secrets stay. */
  clear(): void;
  snapshot(): StoreSnapshot;
  close(): void;
}
