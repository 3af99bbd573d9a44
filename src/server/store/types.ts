import type { BalanceStore } from './balance-types';

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
  insertKey(key: NewStoredKey): StoredKey;
  findKeyById(keyId: string): StoredKey | undefined;
  findKeyByHash(keyHash: string): StoredKey | undefined;
  /** Newest first; `service_id` filters when given. */
  listKeys(filter?: { service_id?: string }): StoredKey[];
  /** Returns false when the key does not exist. */
  setKeyActive(keyId: string, active: boolean): boolean;
  touchKey(keyId: string, lastUsedAt: number): void;
  /** Deactivates `oldKeyId` and inserts `replacement` as one atomic step. */
  replaceKey(oldKeyId: string, replacement: NewStoredKey): StoredKey;
  insertUsage(record: NewUsageRecord): UsageRecord;
  /** Records of one key with `from <= recorded_at < to`, oldest first. */
  usageForKey(keyId: string, from: number, to: number): UsageRecord[];
  /** Records of all keys with `from <= recorded_at < to`, oldest first. */
  usageBetween(from: number, to: number): UsageRecord[];
  /** True when the store can answer queries (used by `/ready`). */
  ping(): boolean;
  /** Removes every key, usage record and balance (test controls' reset); the hashing secret stays. */
  clear(): void;
  snapshot(): StoreSnapshot;
  close(): void;
}
