// Node, Bun and Deno: opens its SQLite library (see sqlite-driver.ts) at construction time, so
// importing the rest of the server never requires a native module.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { periodOf } from '../engine/time';
import type { DebitRequest, DebitResult, StoredBalance } from './balance-types';
import { randomSecretHex } from './random-secret';
import { SqliteBalances } from './sqlite-balances';
import { SqliteRegistrations } from './sqlite-registrations';
import { defaultSqliteDriver, openSqliteDatabase } from './sqlite-driver';
import type { SqliteDatabase, SqliteDriverName, SqliteStatement } from './sqlite-driver';
import { assertIntact } from './sqlite-integrity';
import { MIGRATE_1_TO_2_SQL, MIGRATE_2_TO_3_SQL, ORGANIZATION_KEYS_INDEX_SQL, SCHEMA_SQL, SCHEMA_VERSION } from './sqlite-schema';
import { SqlitePlatform } from './sqlite-platform';
import { USAGE_ENDPOINTS_PER_MONTH, USAGE_OTHER_ENDPOINT } from './types';
import type { EndpointUsage, NewStoredKey, NewUsageRecord, Store, StoredKey, StoreSnapshot, UsageRecord, UsageTotals } from './types';

type Database = SqliteDatabase;
type Statement = SqliteStatement;

/**
 * Options of `SqliteStore`.
 *
 * @example
 * const options: SqliteStoreOptions = { filename: '.hokusai-auth/hokusai-auth.sqlite' };
 */
export interface SqliteStoreOptions {
  /** Database file; `:memory:` for a throw-away database. Missing folders are created. */
  filename: string;
  /**
   * SQLite library to use; by default the runtime's own (bun:sqlite on Bun, node:sqlite on
   * Node ≥ 22.13 and Deno), else better-sqlite3. All of them read and write the same files.
   */
  driver?: SqliteDriverName;
}

/** A key as its table row: lists as JSON text, the flag as 0/1. */
type KeyRow = Omit<StoredKey, 'scopes' | 'is_active' | 'allowed_ips'> & {
  scopes: string;
  is_active: number;
  allowed_ips: string | null;
};

const KEY_COLUMNS =
  'key_id, key_hash, name, key_prefix, user_id, service_id, scopes, environment, is_active, rate_limit_per_hour, ' +
  'monthly_prediction_limit, allowed_ips, billing_plan, created_at, expires_at, last_used_at, organization_id, created_by';
/** Most keys kept in the read cache of `findKeyByHash`; past that it starts over. */
const KEY_CACHE_LIMIT = 10_000;
const USAGE_COLUMNS =
  'key_id, service_id, endpoint, status_code, response_time_ms, predictions_count, compute_ms, recorded_at';
const ROLLUP_COLUMNS = 'requests, errors, predictions, compute_ms, response_time_ms';
/**
 * How long a write waits for a lock another connection holds. Small on purpose: better-sqlite3
 * waits synchronously, so a long wait would stall every request; past it the write fails and
 * the request answers 503 with `Retry-After`.
 */
export const BUSY_TIMEOUT_MS = 50;

/**
 * A persistent store in a SQLite file (see `driver`; WAL journal, synchronous=NORMAL: a
 * crashed process loses no committed write). Keys are stored as HMAC-SHA-256 hashes under a
 * secret generated once per database and kept in its `meta` table. Rate-limit windows are kept
 * here (written shortly after the validations they count, like `last_used_at`: call
 * `app.engine.flush()` before `store.close()`; `startServer` does); idempotency replays are
 * not, they live in memory. Opening checks the file's integrity (`PRAGMA quick_check`) and refuses a
 * damaged one.
 *
 * @example
 * const store = new SqliteStore({ filename: '.hokusai-auth/hokusai-auth.sqlite' });
 * const app = createApp({ store, hasher: nodeHmacHasher });
 * // …
 * store.close();
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  readonly deferWrites = true;
  readonly filename: string;
  /** The SQLite library this store runs on. */
  readonly driver: SqliteDriverName;
  readonly #db: Database;
  readonly #secret: string;
  readonly #statements: ReturnType<typeof prepareStatements>;
  readonly #replace: (oldKeyId: string, replacement: NewStoredKey) => StoredKey | undefined;
  readonly #insertUsage: (record: NewUsageRecord) => UsageRecord;
  readonly #saveWindows: (windows: Map<string, number[]>) => void;
  readonly #balances: SqliteBalances;
  readonly registrations: SqliteRegistrations;
  /** Users, sign-in nonces, organizations, members, invitations and the audit log. */
  readonly platform: SqlitePlatform;
  // Keys read by hash (validation, the hot path), reused while the database is unchanged: a
  // write through this store clears it, and `PRAGMA data_version` (which moves when another
  // connection, e.g. another process, commits) is checked on every lookup. That check costs
  // far less than the indexed query plus building the row, so reads stay exact and cheap.
  readonly #keysByHash = new Map<string, StoredKey>();
  #dataVersion: unknown;

  constructor(options: SqliteStoreOptions) {
    this.filename = options.filename;
    if (options.filename !== ':memory:' && options.filename !== '') {
      mkdirSync(dirname(options.filename), { recursive: true });
    }
    this.driver = options.driver ?? defaultSqliteDriver();
    this.#db = openDatabase(options.filename, this.driver);
    this.#statements = prepareStatements(this.#db);
    this.#secret = this.#loadOrCreateSecret();
    this.#balances = new SqliteBalances(this.#db, (record) => this.insertUsage(record));
    this.registrations = new SqliteRegistrations(this.#db);
    this.platform = new SqlitePlatform(this.#db, { columns: KEY_COLUMNS, fromRow: (row: KeyRow) => fromRow(row) });
    this.#replace = this.#db.transaction((oldKeyId: string, replacement: NewStoredKey) => {
      // `AND is_active = 1` in the UPDATE itself: an already inactive row does not count as changed.
      const changed = this.#statements.setActive.run(0, oldKeyId, 0).changes;
      return changed === 0 ? undefined : this.insertKey(replacement);
    });
    this.#insertUsage = this.#db.transaction((record: NewUsageRecord) => {
      const info = this.#statements.insertUsage.run(record);
      const period = periodOf(record.recorded_at);
      let endpoint = record.endpoint;
      if (
        this.#statements.rollupExists.get(record.key_id, period, endpoint) === undefined &&
        (this.#statements.rollupCount.get(record.key_id, period) as number) >= USAGE_ENDPOINTS_PER_MONTH
      ) {
        endpoint = USAGE_OTHER_ENDPOINT;
      }
      const values = [record.status_code >= 400 ? 1 : 0, record.predictions_count, record.compute_ms, record.response_time_ms];
      this.#statements.addToRollup.run(record.key_id, period, endpoint, ...values);
      this.#statements.addToRollup.run(record.key_id, period, '', ...values);
      return { ...record, id: Number(info.lastInsertRowid) };
    });
    this.#saveWindows = this.#db.transaction((windows: Map<string, number[]>) => {
      for (const [keyId, times] of windows) {
        if (times.length === 0) this.#statements.deleteWindow.run(keyId);
        else this.#statements.saveWindow.run(keyId, Buffer.from(new Float64Array(times).buffer));
      }
    });
  }

  hmacSecret(): string {
    return this.#secret;
  }

  clear(): void {
    this.#keysByHash.clear();
    this.#db.exec(
      'BEGIN; DELETE FROM usage_rollups; DELETE FROM rate_windows; DELETE FROM usage_records; DELETE FROM api_keys; COMMIT;',
    );
    this.#balances.clear();
    this.registrations.clear();
    this.platform.clear();
  }

  getBalance(owner: string): StoredBalance | undefined {
    return this.#balances.getBalance(owner);
  }

  setBalance(owner: string, balance: StoredBalance): void {
    this.#balances.setBalance(owner, balance);
  }

  openBalance(owner: string, initial: StoredBalance): StoredBalance {
    return this.#balances.openBalance(owner, initial);
  }

  debit(request: DebitRequest): DebitResult {
    return this.#balances.debit(request);
  }

  insertKey(key: NewStoredKey): StoredKey {
    this.#keysByHash.clear();
    const info = this.#statements.insertKey.run(toRow(key));
    return { ...key, scopes: [...key.scopes], seq: Number(info.lastInsertRowid) };
  }

  findKeyById(keyId: string): StoredKey | undefined {
    const row = this.#statements.keyById.get(keyId) as KeyRow | undefined;
    return row && fromRow(row);
  }

  findKeyByHash(keyHash: string): StoredKey | undefined {
    const version = this.#statements.dataVersion.get();
    if (version !== this.#dataVersion) {
      this.#keysByHash.clear();
      this.#dataVersion = version;
    }
    let key = this.#keysByHash.get(keyHash);
    if (!key) {
      const row = this.#statements.keyByHash.get(keyHash) as KeyRow | undefined;
      if (!row) return undefined;
      key = fromRow(row);
      if (this.#keysByHash.size >= KEY_CACHE_LIMIT) this.#keysByHash.clear();
      this.#keysByHash.set(keyHash, key);
    }
    return copyKey(key);
  }

  listKeys(filter: { service_id?: string } = {}): StoredKey[] {
    const rows = (
      filter.service_id === undefined
        ? this.#statements.listKeys.all()
        : this.#statements.listKeysByService.all(filter.service_id)
    ) as KeyRow[];
    return rows.map(fromRow);
  }

  setKeyActive(keyId: string, active: boolean): boolean {
    this.#keysByHash.clear();
    const flag = active ? 1 : 0;
    return this.#statements.setActive.run(flag, keyId, flag).changes > 0;
  }

  touchKey(keyId: string, lastUsedAt: number): void {
    this.#keysByHash.clear();
    this.#statements.touch.run(lastUsedAt, keyId);
  }

  replaceKey(oldKeyId: string, replacement: NewStoredKey): StoredKey | undefined {
    this.#keysByHash.clear();
    return this.#replace(oldKeyId, replacement);
  }

  insertUsage(record: NewUsageRecord): UsageRecord {
    return this.#insertUsage(record);
  }

  usageTotals(keyId: string, period: string): UsageTotals | undefined {
    return this.#statements.rollup.get(keyId, period, '') as UsageTotals | undefined;
  }

  usageByEndpoint(keyId: string, period: string): EndpointUsage[] {
    return this.#statements.rollupsByEndpoint.all(keyId, period) as EndpointUsage[];
  }

  loadRateWindows(): Map<string, number[]> {
    const rows = this.#statements.loadWindows.all() as { key_id: string; times: Uint8Array }[];
    // Copied into a fresh buffer: a Float64Array needs an aligned offset.
    return new Map(rows.map((row) => [row.key_id, [...new Float64Array(new Uint8Array(row.times).buffer)]]));
  }

  saveRateWindows(windows: Map<string, number[]>): void {
    this.#saveWindows(windows);
  }

  usageForKey(keyId: string, from: number, to: number): UsageRecord[] {
    return this.#statements.usageForKey.all(keyId, from, to) as UsageRecord[];
  }

  usageBetween(from: number, to: number): UsageRecord[] {
    return this.#statements.usageBetween.all(from, to) as UsageRecord[];
  }

  ping(): boolean {
    try {
      return this.#statements.ping.get() !== undefined;
    } catch {
      return false;
    }
  }

  snapshot(): StoreSnapshot {
    return {
      keys: (this.#db.prepare(`SELECT seq, ${KEY_COLUMNS} FROM api_keys ORDER BY seq`).all() as KeyRow[]).map(fromRow),
      usage: this.#db.prepare(`SELECT id, ${USAGE_COLUMNS} FROM usage_records ORDER BY id`).all() as UsageRecord[],
    };
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }

  #loadOrCreateSecret(): string {
    this.#statements.insertMetaIfMissing.run('hmac_secret', randomSecretHex());
    const row = this.#statements.meta.get('hmac_secret') as { value: string } | undefined;
    if (!row) throw new Error('SqliteStore: could not read the hashing secret');
    return row.value;
  }
}

function openDatabase(filename: string, driver: SqliteDriverName): Database {
  const db = openSqliteDatabase(filename, driver);
  // Before anything writes to the file: a damaged one is refused as it is.
  if (filename !== ':memory:' && filename !== '') {
    try {
      assertIntact(db, filename);
    } catch (error) {
      db.close();
      throw error;
    }
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.exec(SCHEMA_SQL);
  migrate(db);
  return db;
}

/** Brings an older database up to SCHEMA_VERSION (a new one is stamped with it). */
function migrate(db: Database): void {
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
  const upgrade = db.transaction(() => {
    if (row?.value === '1') db.exec(MIGRATE_1_TO_2_SQL);
    // By its columns rather than its stamp: a file is upgraded once, whatever it says it is.
    const columns = (db.prepare('PRAGMA table_info(api_keys)').all() as { name: string }[]).map((column) => column.name);
    if (!columns.includes('organization_id')) db.exec(MIGRATE_2_TO_3_SQL);
    db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run('schema_version', String(SCHEMA_VERSION));
  });
  if (row?.value !== String(SCHEMA_VERSION)) upgrade();
  db.exec(ORGANIZATION_KEYS_INDEX_SQL);
}

function prepareStatements(db: Database) {
  const statement = (sql: string): Statement => db.prepare(sql);
  return {
    insertKey: statement(
      `INSERT INTO api_keys (${KEY_COLUMNS}) VALUES (@key_id, @key_hash, @name, @key_prefix, @user_id, @service_id, ` +
        '@scopes, @environment, @is_active, @rate_limit_per_hour, @monthly_prediction_limit, @allowed_ips, ' +
        '@billing_plan, @created_at, @expires_at, @last_used_at, @organization_id, @created_by)',
    ),
    keyById: statement(`SELECT seq, ${KEY_COLUMNS} FROM api_keys WHERE key_id = ?`),
    keyByHash: statement(`SELECT seq, ${KEY_COLUMNS} FROM api_keys WHERE key_hash = ?`),
    listKeys: statement(`SELECT seq, ${KEY_COLUMNS} FROM api_keys ORDER BY created_at DESC, seq DESC`),
    listKeysByService: statement(
      `SELECT seq, ${KEY_COLUMNS} FROM api_keys WHERE service_id = ? ORDER BY created_at DESC, seq DESC`,
    ),
    // The third parameter repeats the new flag: only a row whose flag differs is changed.
    setActive: statement('UPDATE api_keys SET is_active = ? WHERE key_id = ? AND is_active <> ?'),
    touch: statement('UPDATE api_keys SET last_used_at = ? WHERE key_id = ?'),
    insertUsage: statement(
      `INSERT INTO usage_records (${USAGE_COLUMNS}) VALUES (@key_id, @service_id, @endpoint, @status_code, ` +
        '@response_time_ms, @predictions_count, @compute_ms, @recorded_at)',
    ),
    usageForKey: statement(
      `SELECT id, ${USAGE_COLUMNS} FROM usage_records WHERE key_id = ? AND recorded_at >= ? AND recorded_at < ? ` +
        'ORDER BY recorded_at, id',
    ),
    usageBetween: statement(
      `SELECT id, ${USAGE_COLUMNS} FROM usage_records WHERE recorded_at >= ? AND recorded_at < ? ORDER BY recorded_at, id`,
    ),
    rollup: statement(`SELECT ${ROLLUP_COLUMNS} FROM usage_rollups WHERE key_id = ? AND period = ? AND endpoint = ?`),
    rollupsByEndpoint: statement(
      `SELECT endpoint, ${ROLLUP_COLUMNS} FROM usage_rollups WHERE key_id = ? AND period = ? AND endpoint <> ''`,
    ),
    rollupExists: statement('SELECT 1 FROM usage_rollups WHERE key_id = ? AND period = ? AND endpoint = ?').pluck(),
    rollupCount: statement("SELECT COUNT(*) FROM usage_rollups WHERE key_id = ? AND period = ? AND endpoint <> ''").pluck(),
    addToRollup: statement(
      `INSERT INTO usage_rollups (key_id, period, endpoint, ${ROLLUP_COLUMNS}) VALUES (?, ?, ?, 1, ?, ?, ?, ?) ` +
        'ON CONFLICT (key_id, period, endpoint) DO UPDATE SET requests = requests + 1, errors = errors + excluded.errors, ' +
        'predictions = predictions + excluded.predictions, compute_ms = compute_ms + excluded.compute_ms, ' +
        'response_time_ms = response_time_ms + excluded.response_time_ms',
    ),
    loadWindows: statement('SELECT key_id, times FROM rate_windows'),
    saveWindow: statement('INSERT OR REPLACE INTO rate_windows (key_id, times) VALUES (?, ?)'),
    deleteWindow: statement('DELETE FROM rate_windows WHERE key_id = ?'),
    insertMetaIfMissing: statement('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)'),
    meta: statement('SELECT value FROM meta WHERE key = ?'),
    ping: statement('SELECT 1 AS ok FROM meta LIMIT 1'),
    dataVersion: statement('PRAGMA data_version').pluck(),
  };
}

function toRow(key: NewStoredKey): Omit<KeyRow, 'seq'> {
  return {
    ...key,
    organization_id: key.organization_id ?? null,
    created_by: key.created_by ?? null,
    scopes: JSON.stringify(key.scopes),
    allowed_ips: key.allowed_ips === null ? null : JSON.stringify(key.allowed_ips),
    is_active: key.is_active ? 1 : 0,
  };
}

function copyKey(key: StoredKey): StoredKey {
  return { ...key, scopes: [...key.scopes], allowed_ips: key.allowed_ips === null ? null : [...key.allowed_ips] };
}

function fromRow(fullRow: KeyRow): StoredKey {
  // The organization fields only on organization keys, as `MemoryStore` keeps them.
  const { organization_id, created_by, ...row } = fullRow;
  return {
    ...row,
    ...(organization_id === null || organization_id === undefined ? {} : { organization_id, created_by: created_by ?? null }),
    scopes: JSON.parse(row.scopes) as string[],
    allowed_ips: row.allowed_ips === null ? null : (JSON.parse(row.allowed_ips) as string[]),
    is_active: row.is_active === 1,
  };
}
