// better-sqlite3, the optional native peer dependency: its API is the one SqliteDatabase copies.
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from './sqlite-driver';

/** Opens `filename` with better-sqlite3; a clear error with the install line when it is missing. */
export function openBetterSqlite3(filename: string): SqliteDatabase {
  const require = createRequire(import.meta.url);
  let Driver: typeof BetterSqlite3;
  try {
    Driver = require('better-sqlite3') as typeof BetterSqlite3;
  } catch (cause) {
    throw new Error(
      'SqliteStore needs the optional dependency better-sqlite3 on this runtime (npm install better-sqlite3@12), ' +
        'or Node ≥ 22.13, Bun or Deno, which have SQLite built in',
      { cause },
    );
  }
  return new Driver(filename);
}
