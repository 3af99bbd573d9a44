// Node only, used by SqliteStore: balances and remembered debits in two tables of the same
// database, created on open (`IF NOT EXISTS`), so an older data file gains them in place.
import type { SqliteDatabase, SqliteTransaction } from './sqlite-driver';
import type { BalanceStore, DebitEntry, DebitRequest, DebitResult, StoredBalance } from './balance-types';
import { EMPTY_BALANCE } from './balance-types';
import type { NewUsageRecord } from './types';

export const BALANCE_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS balances (
  owner          TEXT    PRIMARY KEY,
  settled_micros INTEGER NOT NULL CHECK (settled_micros >= 0),
  pending_micros INTEGER NOT NULL CHECK (pending_micros >= 0)
);
CREATE TABLE IF NOT EXISTS debits (
  key_id          TEXT    NOT NULL,
  idempotency_key TEXT    NOT NULL,
  owner           TEXT    NOT NULL,
  debited_micros  INTEGER NOT NULL,
  balance_micros  INTEGER NOT NULL,
  recorded_at     INTEGER NOT NULL,
  PRIMARY KEY (key_id, idempotency_key)
);
`;

/**
 * Balances of `SqliteStore`. A debit is one IMMEDIATE transaction whose spend is a conditional
 * `UPDATE … WHERE settled_micros >= amount`: even another process writing the same file cannot
 * make it overdraw.
 */
export class SqliteBalances implements BalanceStore {
  readonly #statements: ReturnType<typeof prepare>;
  readonly #debit: SqliteTransaction<[DebitRequest], DebitResult>;
  readonly #clear: () => void;

  constructor(db: SqliteDatabase, insertUsage: (record: NewUsageRecord) => unknown) {
    db.exec(BALANCE_SCHEMA_SQL);
    const statements = prepare(db);
    this.#statements = statements;
    this.#debit = db.transaction((request: DebitRequest): DebitResult => {
      const prior = statements.findDebit.get(request.key_id, request.idempotency_key) as DebitEntry | undefined;
      if (prior) return { kind: 'replayed', entry: prior };
      const spent = statements.spend.run(request.amount_micros, request.owner, request.amount_micros).changes > 0;
      if (!spent) return { kind: 'insufficient', balance: this.getBalance(request.owner) ?? { ...EMPTY_BALANCE } };
      insertUsage(request.usage);
      const entry: DebitEntry = {
        key_id: request.key_id,
        idempotency_key: request.idempotency_key,
        owner: request.owner,
        debited_micros: request.amount_micros,
        balance_micros: this.getBalance(request.owner)!.settled_micros,
        recorded_at: request.recorded_at,
      };
      statements.insertDebit.run(entry);
      return { kind: 'debited', entry };
    });
    this.#clear = db.transaction(() => {
      statements.clearDebits.run();
      statements.clearBalances.run();
    });
  }

  getBalance(owner: string): StoredBalance | undefined {
    return this.#statements.getBalance.get(owner) as StoredBalance | undefined;
  }

  setBalance(owner: string, balance: StoredBalance): void {
    this.#statements.setBalance.run(owner, balance.settled_micros, balance.pending_micros);
  }

  openBalance(owner: string, initial: StoredBalance): StoredBalance {
    this.#statements.openBalance.run(owner, initial.settled_micros, initial.pending_micros);
    return this.getBalance(owner)!;
  }

  debit(request: DebitRequest): DebitResult {
    return this.#debit.immediate(request);
  }

  clear(): void {
    this.#clear();
  }
}

function prepare(db: SqliteDatabase) {
  return {
    getBalance: db.prepare('SELECT settled_micros, pending_micros FROM balances WHERE owner = ?'),
    setBalance: db.prepare(
      'INSERT INTO balances (owner, settled_micros, pending_micros) VALUES (?, ?, ?) ' +
        'ON CONFLICT (owner) DO UPDATE SET settled_micros = excluded.settled_micros, pending_micros = excluded.pending_micros',
    ),
    openBalance: db.prepare('INSERT OR IGNORE INTO balances (owner, settled_micros, pending_micros) VALUES (?, ?, ?)'),
    spend: db.prepare('UPDATE balances SET settled_micros = settled_micros - ? WHERE owner = ? AND settled_micros >= ?'),
    findDebit: db.prepare(
      'SELECT key_id, idempotency_key, owner, debited_micros, balance_micros, recorded_at FROM debits WHERE key_id = ? AND idempotency_key = ?',
    ),
    insertDebit: db.prepare(
      'INSERT INTO debits (key_id, idempotency_key, owner, debited_micros, balance_micros, recorded_at) ' +
        'VALUES (@key_id, @idempotency_key, @owner, @debited_micros, @balance_micros, @recorded_at)',
    ),
    clearDebits: db.prepare('DELETE FROM debits'),
    clearBalances: db.prepare('DELETE FROM balances'),
  };
}
