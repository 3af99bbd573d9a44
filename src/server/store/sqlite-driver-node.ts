// node:sqlite, built into Node ≥ 22.13 (no flag) and Deno: persistence with no native module.
import { createRequire } from 'node:module';
import type { SqliteDatabase, SqliteStatement } from './sqlite-driver';
import { bindParameters, firstColumn, namedParameters, pragmaResult } from './sqlite-driver-shared';
import { transactionsOn } from './sqlite-driver-transaction';

/** The part of `node:sqlite` used here (its types are not in @types/node 20). */
interface NodeSqliteModule {
  DatabaseSync: new (filename: string) => NodeDatabaseSync;
}
interface NodeDatabaseSync {
  exec(sql: string): void;
  prepare(sql: string): NodeStatementSync;
  close(): void;
}
interface NodeStatementSync {
  run(...params: unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

let loaded: NodeSqliteModule | null | undefined;

/**
 * `node:sqlite` when this runtime has it without a flag, else `null`. Node prints an
 * ExperimentalWarning the first time it is loaded; that one warning is not passed on, since
 * the store's users did not choose the module themselves.
 */
export function loadNodeSqlite(): NodeSqliteModule | null {
  if (loaded !== undefined) return loaded;
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (!/SQLite/i.test(String(warning))) (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    loaded = createRequire(import.meta.url)('node:sqlite') as NodeSqliteModule;
  } catch {
    loaded = null;
  } finally {
    process.emitWarning = emitWarning;
  }
  return loaded;
}

/** Opens `filename` with node:sqlite; throws when this runtime does not have it. */
export function openNodeSqlite(filename: string): SqliteDatabase {
  const sqlite = loadNodeSqlite();
  if (!sqlite) throw new Error(`node:sqlite is not available on Node ${process.versions.node}: it needs Node ≥ 22.13 (or Deno)`);
  const db = new sqlite.DatabaseSync(filename);
  let open = true;
  const exec = (sql: string) => db.exec(sql);
  return {
    get open() {
      return open;
    },
    exec,
    prepare: (sql) => statement(db.prepare(sql), namedParameters(sql), false),
    pragma: (source, options) => pragmaResult(db.prepare(`PRAGMA ${source}`).all(), options),
    transaction: transactionsOn(exec),
    close() {
      if (open) db.close();
      open = false;
    },
  };
}

function statement(native: NodeStatementSync, names: string[], plucked: boolean): SqliteStatement {
  return {
    run: (...params) => native.run(...bindParameters(names, params)),
    get: (...params) => {
      const row = native.get(...bindParameters(names, params));
      return plucked ? firstColumn(row) : row;
    },
    all: (...params) => {
      const rows = native.all(...bindParameters(names, params));
      return plucked ? rows.map(firstColumn) : rows;
    },
    pluck: () => statement(native, names, true),
  };
}
