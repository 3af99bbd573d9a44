// The few calls SqliteStore makes on a SQLite database, and the choice of library behind them:
// the runtime's own SQLite when it has one (bun:sqlite on Bun, node:sqlite on Node ≥ 22.13 and
// Deno), the optional native module better-sqlite3 only where neither exists. Every backend
// reads and writes the same file format, so a data file moves between runtimes as it is.
import { openBetterSqlite3 } from './sqlite-driver-better';
import { openBunSqlite } from './sqlite-driver-bun';
import { loadNodeSqlite, openNodeSqlite } from './sqlite-driver-node';

/**
 * The SQLite libraries SqliteStore can run on.
 *
 * @example
 * const driver: SqliteDriverName = 'node:sqlite';
 */
export type SqliteDriverName = 'bun:sqlite' | 'node:sqlite' | 'better-sqlite3';

/** What a write reports. */
export interface SqliteRunResult {
  changes: number | bigint;
  lastInsertRowid: number | bigint;
}

/** A prepared statement; parameters are positional or one object of bare names (`@name` in SQL). */
export interface SqliteStatement {
  run(...params: unknown[]): SqliteRunResult;
  /** The first row, or `undefined` when there is none. */
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  /** Makes `get`/`all` return the first column's value instead of the row. */
  pluck(): SqliteStatement;
}

/** `fn` run in one transaction (BEGIN … COMMIT, ROLLBACK when it throws), with its lock modes. */
export type SqliteTransaction<A extends unknown[], R> = ((...args: A) => R) & {
  deferred: (...args: A) => R;
  immediate: (...args: A) => R;
  exclusive: (...args: A) => R;
};

/** An open database: the subset of better-sqlite3's API that every backend provides. */
export interface SqliteDatabase {
  readonly open: boolean;
  exec(sql: string): void;
  prepare(sql: string): SqliteStatement;
  /** `PRAGMA <source>`: every row, or with `simple` the first column of the first row. */
  pragma(source: string, options?: { simple?: boolean }): unknown;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): SqliteTransaction<A, R>;
  close(): void;
}

/**
 * The backend SqliteStore uses here when none is asked for: bun:sqlite on Bun, node:sqlite where
 * the runtime has it (Node ≥ 22.13, Deno), better-sqlite3 otherwise.
 *
 * @example
 * defaultSqliteDriver(); // 'node:sqlite' on Node 24, 'better-sqlite3' on Node 20
 */
export function defaultSqliteDriver(): SqliteDriverName {
  if (isBun()) return 'bun:sqlite';
  return loadNodeSqlite() ? 'node:sqlite' : 'better-sqlite3';
}

/**
 * Opens (creating it if needed) a database file, or `:memory:`, with the given backend.
 *
 * @example
 * const db = openSqliteDatabase('.hokusai-auth/hokusai-auth.sqlite', defaultSqliteDriver());
 * db.prepare('SELECT 1 AS ok').get(); // { ok: 1 }
 */
export function openSqliteDatabase(filename: string, driver: SqliteDriverName): SqliteDatabase {
  switch (driver) {
    case 'bun:sqlite':
      return openBunSqlite(filename);
    case 'node:sqlite':
      return openNodeSqlite(filename);
    case 'better-sqlite3':
      return openBetterSqlite3(filename);
    default:
      throw new TypeError(`Unknown SQLite driver "${String(driver)}": use bun:sqlite, node:sqlite or better-sqlite3`);
  }
}

function isBun(): boolean {
  return typeof (globalThis as { Bun?: unknown }).Bun !== 'undefined';
}
