/**
 * Balances and debits as a store holds them: integer micro-dollars (see engine/pricing.ts).
 */
import type { NewUsageRecord } from './types';

/**
 * The account of one owner (a key's organization, else its `user_id`): settled credit can be
 * spent, pending credit cannot yet.
 *
 * @example
 * const balance: StoredBalance = { settled_micros: 1_000_000, pending_micros: 0 }; // USD 1.00
 */
export interface StoredBalance {
  settled_micros: number;
  pending_micros: number;
}

/**
 * One accepted debit, remembered by `(key_id, idempotency_key)` so a retry gets the same answer.
 *
 * @example
 * const entry: DebitEntry = { key_id, idempotency_key: `${key_id}-1736937000000`, owner: 'admin', debited_micros: 1000, balance_micros: 999_000, recorded_at: Date.now() };
 */
export interface DebitEntry {
  key_id: string;
  idempotency_key: string;
  owner: string;
  debited_micros: number;
  /** The owner's settled balance right after the debit. */
  balance_micros: number;
  recorded_at: number;
}

/**
 * What `Store.debit` is asked to do in one atomic step.
 *
 * @example
 * store.debit({ owner: 'admin', key_id, idempotency_key, amount_micros: 1000, usage, recorded_at: clock.now() });
 */
export interface DebitRequest {
  owner: string;
  key_id: string;
  idempotency_key: string;
  amount_micros: number;
  /** Recorded with the debit, so statistics and billing count it. */
  usage: NewUsageRecord;
  recorded_at: number;
}

/**
 * The outcome of `Store.debit`: the first answer again, a new debit, or a refusal (nothing
 * changed; `balance` is the owner's account as it stands, zero when it has none).
 *
 * @example
 * const result = store.debit(request);
 * if (result.kind === 'insufficient') console.log(result.balance.pending_micros);
 */
export type DebitResult =
  | { kind: 'replayed'; entry: DebitEntry }
  | { kind: 'debited'; entry: DebitEntry }
  | { kind: 'insufficient'; balance: StoredBalance };

/**
 * The balance part of a store. Every step is synchronous and atomic.
 *
 * @example
 * store.openBalance('admin', { settled_micros: 1_000_000, pending_micros: 0 });
 */
export interface BalanceStore {
  /** The owner's account; undefined when it has none yet. */
  getBalance(owner: string): StoredBalance | undefined;
  /** Creates or replaces an owner's account. */
  setBalance(owner: string, balance: StoredBalance): void;
  /** Creates the account with `initial` unless the owner has one; returns the account. */
  openBalance(owner: string, initial: StoredBalance): StoredBalance;
  /**
   * Replays a known `(key_id, idempotency_key)`; else takes `amount_micros` from the settled
   * balance only if it covers it, records the usage and remembers the debit, all at once.
   */
  debit(request: DebitRequest): DebitResult;
}

/** No account: nothing settled, nothing pending. */
export const EMPTY_BALANCE: Readonly<StoredBalance> = Object.freeze({ settled_micros: 0, pending_micros: 0 });
