// Node, Bun and Deno: opens its SQLite library (see sqlite-driver.ts) at construction time, so
// importing the rest of the server never requires a native module.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomSecretHex } from './random-secret';
import { defaultSqliteDriver, openSqliteDatabase } from './sqlite-driver';
import type { SqliteDatabase, SqliteDriverName, SqliteStatement } from './sqlite-driver';
import { SCHEMA_SQL, SCHEMA_VERSION } from './sqlite-schema';
import type { NewStoredKey, NewUsageRecord, Store, StoredKey, StoreSnapshot, UsageRecord } from './types';

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
  'monthly_prediction_limit, allowed_ips, billing_plan, created_at, expires_at, last_used_at';
/** Most keys kept in the read cache of `findKeyByHash`; past that it starts over. */
const KEY_CACHE_LIMIT = 10_000;
const USAGE_COLUMNS =
  'key_id, service_id, endpoint, status_code, response_time_ms, predictions_count, compute_ms, recorded_at';

/**
 * A persistent store in a SQLite file (see `driver`; WAL journal, synchronous=NORMAL: a
 * crashed process loses no committed write). Keys are stored as HMAC-SHA-256 hashes under a
 * secret generated once per database and kept in its `meta` table. Rate-limit windows and
 * idempotency replays are not stored here; they live in memory.
 *
 * @example
 * const store = new SqliteStore({ filename: '.hokusai-auth/hokusai-auth.sqlite' });
 * const app = createApp({ store, hasher: nodeHmacHasher });
 * // …
 * store.close();
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  readonly filename: string;
  /** The SQLite library this store runs on. */
  readonly driver: SqliteDriverName;
  readonly #db: Database;
  readonly #secret: string;
  readonly #statements: ReturnType<typeof prepareStatements>;
  readonly #replace: (oldKeyId: string, replacement: NewStoredKey) => StoredKey;
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
    this.#replace = this.#db.transaction((oldKeyId: string, replacement: NewStoredKey) => {
      const changed = this.#statements.setActive.run(0, oldKeyId).changes;
      if (changed === 0) throw new Error('Key to replace does not exist');
      return this.insertKey(replacement);
    });
  }

  hmacSecret(): string {
    return this.#secret;
  }

  clear(): void {
    this.#keysByHash.clear();
    this.#db.exec('BEGIN; DELETE FROM usage_records; DELETE FROM api_keys; COMMIT;');
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
    return this.#statements.setActive.run(active ? 1 : 0, keyId).changes > 0;
  }

  touchKey(keyId: string, lastUsedAt: number): void {
    this.#keysByHash.clear();
    this.#statements.touch.run(lastUsedAt, keyId);
  }

  replaceKey(oldKeyId: string, replacement: NewStoredKey): StoredKey {
    this.#keysByHash.clear();
    return this.#replace(oldKeyId, replacement);
  }

  insertUsage(record: NewUsageRecord): UsageRecord {
    const info = this.#statements.insertUsage.run(record);
    return { ...record, id: Number(info.lastInsertRowid) };
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
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA_SQL);
  db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('schema_version', String(SCHEMA_VERSION));
  return db;
}

function prepareStatements(db: Database) {
  const statement = (sql: string): Statement => db.prepare(sql);
  return {
    insertKey: statement(
      `INSERT INTO api_keys (${KEY_COLUMNS}) VALUES (@key_id, @key_hash, @name, @key_prefix, @user_id, @service_id, ` +
        '@scopes, @environment, @is_active, @rate_limit_per_hour, @monthly_prediction_limit, @allowed_ips, ' +
        '@billing_plan, @created_at, @expires_at, @last_used_at)',
    ),
    keyById: statement(`SELECT seq, ${KEY_COLUMNS} FROM api_keys WHERE key_id = ?`),
    keyByHash: statement(`SELECT seq, ${KEY_COLUMNS} FROM api_keys WHERE key_hash = ?`),
    listKeys: statement(`SELECT seq, ${KEY_COLUMNS} FROM api_keys ORDER BY created_at DESC, seq DESC`),
    listKeysByService: statement(
      `SELECT seq, ${KEY_COLUMNS} FROM api_keys WHERE service_id = ? ORDER BY created_at DESC, seq DESC`,
    ),
    setActive: statement('UPDATE api_keys SET is_active = ? WHERE key_id = ?'),
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
    insertMetaIfMissing: statement('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)'),
    meta: statement('SELECT value FROM meta WHERE key = ?'),
    ping: statement('SELECT 1 AS ok FROM meta LIMIT 1'),
    dataVersion: statement('PRAGMA data_version').pluck(),
  };
}

function toRow(key: NewStoredKey): Omit<KeyRow, 'seq'> {
  return {
    ...key,
    scopes: JSON.stringify(key.scopes),
    allowed_ips: key.allowed_ips === null ? null : JSON.stringify(key.allowed_ips),
    is_active: key.is_active ? 1 : 0,
  };
}

function copyKey(key: StoredKey): StoredKey {
  return { ...key, scopes: [...key.scopes], allowed_ips: key.allowed_ips === null ? null : [...key.allowed_ips] };
}

function fromRow(row: KeyRow): StoredKey {
  return {
    ...row,
    scopes: JSON.parse(row.scopes) as string[],
    allowed_ips: row.allowed_ips === null ? null : (JSON.parse(row.allowed_ips) as string[]),
    is_active: row.is_active === 1,
  };
}
