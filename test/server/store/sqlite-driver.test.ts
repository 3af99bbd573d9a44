// The pieces the built-in SQLite backends (node:sqlite, bun:sqlite) share to behave like
// better-sqlite3, checked without those runtimes; the matrix runs the backends themselves.
import { describe, expect, it } from 'vitest';
import { bindParameters, firstColumn, namedParameters, pragmaResult } from '../../../src/server/store/sqlite-driver-shared';
import { transactionsOn } from '../../../src/server/store/sqlite-driver-transaction';

describe('named parameters', () => {
  it('binds exactly the statement’s names from an object, ignoring other properties', () => {
    const names = namedParameters('INSERT INTO t (a, b) VALUES (@a, @b) ON CONFLICT DO UPDATE SET b = @b');
    expect(names).toEqual(['a', 'b']);
    expect(bindParameters(names, [{ a: 1, b: null, extra: 'x' }])).toEqual([{ a: 1, b: null }]);
  });

  it('refuses a missing named parameter instead of binding NULL', () => {
    expect(() => bindParameters(['a', 'b'], [{ a: 1 }])).toThrow('Missing named parameter "b"');
  });

  it('passes positional parameters through', () => {
    expect(bindParameters([], ['key-1', 5])).toEqual(['key-1', 5]);
  });
});

describe('rows', () => {
  it('plucks the first column, and nothing for no row', () => {
    expect(firstColumn({ data_version: 3, other: 1 })).toBe(3);
    expect(firstColumn(undefined)).toBeUndefined();
    expect(pragmaResult([{ journal_mode: 'wal' }], { simple: true })).toBe('wal');
    expect(pragmaResult([{ journal_mode: 'wal' }])).toEqual([{ journal_mode: 'wal' }]);
  });
});

describe('transactionsOn', () => {
  function recorder(failOn?: string) {
    const sql: string[] = [];
    const exec = (text: string) => {
      sql.push(text);
      if (text === failOn) throw new Error(`SQLITE_BUSY on ${text}`);
    };
    return { sql, transaction: transactionsOn(exec) };
  }

  it('commits what the function did and returns its result', () => {
    const { sql, transaction } = recorder();
    expect(transaction((a: number, b: number) => a + b)(2, 3)).toBe(5);
    expect(sql).toEqual(['BEGIN', 'COMMIT']);
  });

  it('rolls back and rethrows when the function throws', () => {
    const { sql, transaction } = recorder();
    const failing = transaction(() => {
      throw new Error('row missing');
    });
    expect(() => failing()).toThrow('row missing');
    expect(sql).toEqual(['BEGIN', 'ROLLBACK']);
  });

  it('rolls back when COMMIT itself fails', () => {
    const { sql, transaction } = recorder('COMMIT');
    expect(() => transaction(() => 1)()).toThrow('SQLITE_BUSY on COMMIT');
    expect(sql).toEqual(['BEGIN', 'COMMIT', 'ROLLBACK']);
  });

  it('makes a nested call a savepoint of the outer transaction, in the lock mode asked', () => {
    const { sql, transaction } = recorder();
    const inner = transaction(() => {
      throw new Error('inner failed');
    });
    const outer = transaction(() => {
      expect(() => inner()).toThrow('inner failed');
      return 'outer kept';
    });
    expect(outer.immediate()).toBe('outer kept');
    expect(sql).toEqual(['BEGIN IMMEDIATE', 'SAVEPOINT hokusai_tx_1', 'ROLLBACK TO hokusai_tx_1; RELEASE hokusai_tx_1', 'COMMIT']);
  });
});
