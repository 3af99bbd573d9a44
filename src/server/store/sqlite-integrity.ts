// Node only: the integrity check a SqliteStore runs when it opens a file.

/** The part of a SQLite connection the check needs (better-sqlite3 and the other drivers have it). */
interface Queryable {
  prepare(sql: string): { all(): unknown[] };
}

/**
 * A data file that fails its integrity check: opening it would serve some reads and fail
 * others (500s, wrong answers), so the store refuses it with a one-line message instead.
 *
 * @example
 * try { new SqliteStore({ filename }); } catch (e) { if (e instanceof DamagedDataFileError) console.error(e.message); }
 */
export class DamagedDataFileError extends Error {
  override readonly name = 'DamagedDataFileError';
}

/**
 * Runs `PRAGMA quick_check` (O(file size), without the slower index-content checks of
 * `integrity_check`); throws `DamagedDataFileError` naming the file and the first problem.
 *
 * @example
 * assertIntact(db, '.hokusai-auth/hokusai-auth.sqlite');
 */
export function assertIntact(db: Queryable, filename: string): void {
  let problem: string | undefined;
  try {
    const rows = (db.prepare('PRAGMA quick_check').all() as Record<string, unknown>[]).map((row) => String(Object.values(row)[0]));
    // The first line may be a heading ("*** in database main ***"); the first finding follows it.
    const first = rows.find((line) => !line.startsWith('*** ')) ?? 'no answer';
    if (first !== 'ok') problem = first;
  } catch (error) {
    // A file whose header is garbage fails before the check can run ("file is not a database").
    problem = error instanceof Error ? error.message : String(error);
  }
  if (problem !== undefined) {
    throw new DamagedDataFileError(
      `${filename} is damaged (${problem.split('\n')[0]}); restore a backup or move it away to start with an empty store`,
    );
  }
}
