// Node only: `npx hokusai-auth mock` from an installed package has no better-sqlite3 unless
// the user added it (an optional peer). The command then runs in memory and says so, instead
// of failing after creating an empty data folder.
import { SqliteStore } from './store/sqlite';

/**
 * Why a SQLite store cannot be opened here (its driver is not installed or does not load), or
 * `undefined` when it can. Opens and closes a throw-away in-memory database; touches no file.
 *
 * @example
 * const reason = sqliteUnavailable(); // undefined, or 'SqliteStore needs the optional dependency better-sqlite3 …'
 */
export function sqliteUnavailable(): string | undefined {
  try {
    new SqliteStore({ filename: ':memory:' }).close();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * The one line printed when the command falls back to memory.
 *
 * @example
 * memoryFallbackNotice('.hokusai-auth/hokusai-auth.sqlite');
 */
export function memoryFallbackNotice(dataFile: string): string {
  return `SQLite unavailable (the optional better-sqlite3 is not installed or does not load): keeping everything in memory, lost on exit. To keep keys in ${dataFile}: npm install better-sqlite3@12, then restart.\n`;
}
