// BEGIN … COMMIT around a function, for the backends without better-sqlite3's `transaction()`.
import type { SqliteTransaction } from './sqlite-driver';

/**
 * `db.transaction(fn)` as better-sqlite3 has it, built on `exec`: commits when `fn` returns,
 * rolls back when it throws; a call made inside another transaction of the same database
 * becomes a savepoint of it.
 *
 * @example
 * const transaction = transactionsOn((sql) => db.exec(sql));
 * const move = transaction((from: string, to: string) => { ... });
 * move.immediate('a', 'b');
 */
export function transactionsOn(exec: (sql: string) => void) {
  let depth = 0;
  return <A extends unknown[], R>(fn: (...args: A) => R): SqliteTransaction<A, R> => {
    const inMode = (begin: string) => (...args: A): R => {
      const savepoint = depth > 0 ? `hokusai_tx_${depth}` : undefined;
      exec(savepoint ? `SAVEPOINT ${savepoint}` : begin);
      depth += 1;
      try {
        const result = fn(...args);
        exec(savepoint ? `RELEASE ${savepoint}` : 'COMMIT');
        return result;
      } catch (error) {
        try {
          exec(savepoint ? `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}` : 'ROLLBACK');
        } catch {
          // Nothing left to roll back (SQLite already ended the transaction): keep the first error.
        }
        throw error;
      } finally {
        depth -= 1;
      }
    };
    return Object.assign(inMode('BEGIN'), {
      deferred: inMode('BEGIN DEFERRED'),
      immediate: inMode('BEGIN IMMEDIATE'),
      exclusive: inMode('BEGIN EXCLUSIVE'),
    });
  };
}
