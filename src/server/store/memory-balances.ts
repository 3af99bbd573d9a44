import type { BalanceStore, DebitEntry, DebitRequest, DebitResult, StoredBalance } from './balance-types';
import { EMPTY_BALANCE } from './balance-types';
import type { NewUsageRecord } from './types';

/**
 * Balances and remembered debits of `MemoryStore`. JavaScript runs one step at a time, so a
 * check-then-spend here cannot interleave with another debit.
 */
export class MemoryBalances implements BalanceStore {
  readonly #balances = new Map<string, StoredBalance>();
  readonly #debits = new Map<string, DebitEntry>();
  readonly #insertUsage: (record: NewUsageRecord) => unknown;

  constructor(insertUsage: (record: NewUsageRecord) => unknown) {
    this.#insertUsage = insertUsage;
  }

  getBalance(owner: string): StoredBalance | undefined {
    const balance = this.#balances.get(owner);
    return balance && { ...balance };
  }

  setBalance(owner: string, balance: StoredBalance): void {
    this.#balances.set(owner, { settled_micros: balance.settled_micros, pending_micros: balance.pending_micros });
  }

  openBalance(owner: string, initial: StoredBalance): StoredBalance {
    if (!this.#balances.has(owner)) this.setBalance(owner, initial);
    return this.getBalance(owner)!;
  }

  debit(request: DebitRequest): DebitResult {
    const id = debitId(request.key_id, request.idempotency_key);
    const prior = this.#debits.get(id);
    if (prior) return { kind: 'replayed', entry: { ...prior } };
    const balance = this.#balances.get(request.owner);
    if (!balance || balance.settled_micros < request.amount_micros) {
      return { kind: 'insufficient', balance: { ...(balance ?? EMPTY_BALANCE) } };
    }
    balance.settled_micros -= request.amount_micros;
    this.#insertUsage(request.usage);
    const entry: DebitEntry = {
      key_id: request.key_id,
      idempotency_key: request.idempotency_key,
      owner: request.owner,
      debited_micros: request.amount_micros,
      balance_micros: balance.settled_micros,
      recorded_at: request.recorded_at,
    };
    this.#debits.set(id, entry);
    return { kind: 'debited', entry: { ...entry } };
  }

  clear(): void {
    this.#balances.clear();
    this.#debits.clear();
  }
}

function debitId(keyId: string, idempotencyKey: string): string {
  return `${keyId}\n${idempotencyKey}`;
}
