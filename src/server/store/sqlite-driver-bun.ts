// bun:sqlite, built into Bun.
import { createRequire } from 'node:module';
import type { SqliteDatabase, SqliteStatement, SqliteTransaction } from './sqlite-driver';
import { bindParameters, firstColumn, namedParameters, pragmaResult } from './sqlite-driver-shared';

/** The part of `bun:sqlite` used here. */
interface BunSqliteModule {
  Database: new (filename: string, options: { create: boolean; strict: boolean }) => BunDatabase;
}
interface BunDatabase {
  exec(sql: string): void;
  prepare(sql: string): BunStatement;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): SqliteTransaction<A, R>;
  close(): void;
}
interface BunStatement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  finalize(): void;
}

/** Opens `filename` with bun:sqlite; throws when not running on Bun. */
export function openBunSqlite(filename: string): SqliteDatabase {
  let sqlite: BunSqliteModule;
  try {
    sqlite = createRequire(import.meta.url)('bun:sqlite') as BunSqliteModule;
  } catch (cause) {
    throw new Error('bun:sqlite is only available on Bun', { cause });
  }
  // strict: named parameters bind without their `@` prefix, as in the other backends.
  const db = new sqlite.Database(filename, { create: true, strict: true });
  let open = true;
  // bun:sqlite defers closing the file until every statement is finalized, and until then the
  // statements still work: close finalizes them, and a statement refuses to run once closed,
  // as with better-sqlite3 and node:sqlite.
  const prepared = new Set<BunStatement>();
  const checkOpen = () => {
    if (!open) throw new TypeError('The database connection is not open');
  };
  const prepare = (sql: string) => {
    checkOpen();
    const native = db.prepare(sql);
    prepared.add(native);
    return native;
  };
  return {
    get open() {
      return open;
    },
    exec: (sql) => db.exec(sql),
    prepare: (sql) => statement(prepare(sql), namedParameters(sql), checkOpen, false),
    pragma: (source, options) => {
      checkOpen();
      const native = db.prepare(`PRAGMA ${source}`);
      try {
        return pragmaResult(native.all(), options);
      } finally {
        native.finalize();
      }
    },
    transaction: (fn) => db.transaction(fn),
    close() {
      if (!open) return;
      open = false;
      for (const native of prepared) native.finalize();
      db.close();
    },
  };
}

function statement(native: BunStatement, names: string[], checkOpen: () => void, plucked: boolean): SqliteStatement {
  const bind = (params: unknown[]) => {
    checkOpen();
    return bindParameters(names, params);
  };
  return {
    run: (...params) => native.run(...bind(params)),
    // bun:sqlite answers `null` for no row; the store expects `undefined`.
    get: (...params) => {
      const row = native.get(...bind(params)) ?? undefined;
      return plucked ? firstColumn(row) : row;
    },
    all: (...params) => {
      const rows = native.all(...bind(params));
      return plucked ? rows.map(firstColumn) : rows;
    },
    pluck: () => statement(native, names, checkOpen, true),
  };
}
