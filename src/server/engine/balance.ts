import type { StoredBalance } from '../store/balance-types';
import type { StoredKey } from '../store/types';
import type { EngineContext } from './context';
import * as z from 'zod';
import { parseInput } from '../boundary/parse';
import { microsFromUsd, PRICE_PER_PREDICTION_MICROS, usdFromMicros } from './pricing';

/**
 * USD credited to a new owner account, by the billing plan of the key that opens it. Plans
 * not listed get nothing.
 *
 * @example
 * createEngine({ initialCredits: { ...DEFAULT_INITIAL_CREDITS, pro: 100 } });
 */
export type InitialCredits = Readonly<Record<string, number>>;

/**
 * The default initial credits: USD 1.00 (1000 predictions) for the `free` plan.
 *
 * @example
 * DEFAULT_INITIAL_CREDITS.free; // 1
 */
export const DEFAULT_INITIAL_CREDITS: InitialCredits = Object.freeze({ free: 1 });

/** Largest settled or pending amount an account may hold (USD). */
export const MAX_BALANCE_USD = 1_000_000_000;

/**
 * An owner's account in USD: `settled` can be spent, `pending` not yet.
 *
 * @example
 * const { settled, pending } = engine.balance('admin');
 */
export interface OwnerBalance {
  owner: string;
  settled: number;
  pending: number;
}

const usd = z.number().min(0).max(MAX_BALANCE_USD);

/**
 * A change of an owner's account in USD (a part left out keeps its value): the one rule for
 * `engine.setBalance`, the in-process test controls and `POST /__hokusai/balances/{owner}`.
 */
export const balanceUpdateSchema = z.strictObject({ settled: usd.optional(), pending: usd.optional() });

/** An owner's name (a key's `user_id` or its organization), as accounts are keyed. */
export const ownerSchema = z.string().min(1).max(200);

/**
 * A change of an owner's account in USD; a part left out keeps its value.
 *
 * @example
 * engine.setBalance('admin', { settled: 0, pending: 5 });
 */
export type BalanceUpdate = z.input<typeof balanceUpdateSchema>;

/** Who pays for a key: its organization when it has one, else its user. */
export function ownerOf(key: Pick<StoredKey, 'user_id'> & { organization_id?: string | null }): string {
  return key.organization_id ?? key.user_id;
}

/**
 * The account of the key's owner, opened with the initial credits of the key's plan when the
 * owner has none yet (its first key's creation, or the first use of a key stored before).
 */
export function accountOf(ctx: EngineContext, key: Pick<StoredKey, 'user_id' | 'billing_plan'> & { organization_id?: string | null }): StoredBalance {
  const owner = ownerOf(key);
  return ctx.store.getBalance(owner) ?? ctx.store.openBalance(owner, { settled_micros: ctx.initialCreditsMicros(key.billing_plan), pending_micros: 0 });
}

/** The two balance fields of a successful validation. */
export function balanceFields(ctx: EngineContext, key: StoredKey): { has_sufficient_balance: boolean; balance: number } {
  const { settled_micros } = accountOf(ctx, key);
  return { has_sufficient_balance: settled_micros >= PRICE_PER_PREDICTION_MICROS, balance: usdFromMicros(settled_micros) };
}

/** An owner's account in USD; an owner without an account reads 0 and 0. */
export function readBalance(ctx: EngineContext, owner: string): OwnerBalance {
  const stored = ctx.store.getBalance(checkOwner(owner));
  return { owner, settled: usdFromMicros(stored?.settled_micros ?? 0), pending: usdFromMicros(stored?.pending_micros ?? 0) };
}

/** Sets an owner's account (opening it if needed); amounts are USD, kept to the micro-dollar. */
export function writeBalance(ctx: EngineContext, owner: string, update: BalanceUpdate): OwnerBalance {
  checkOwner(owner);
  const amounts = parseInput(balanceUpdateSchema, update, 'Invalid balance');
  const current = ctx.store.getBalance(owner);
  const settled = amounts.settled === undefined ? (current?.settled_micros ?? 0) : microsFromUsd(amounts.settled);
  const pending = amounts.pending === undefined ? (current?.pending_micros ?? 0) : microsFromUsd(amounts.pending);
  ctx.store.setBalance(owner, { settled_micros: settled, pending_micros: pending });
  return readBalance(ctx, owner);
}

/** Initial credits as micro-dollars per plan, checked once when the engine is built. */
export function initialCreditsResolver(credits: InitialCredits = DEFAULT_INITIAL_CREDITS): (plan: string) => number {
  const micros = new Map<string, number>();
  for (const [plan, usd] of Object.entries(credits)) {
    if (typeof usd !== 'number' || !Number.isFinite(usd) || usd < 0 || usd > MAX_BALANCE_USD) {
      throw new TypeError(`initialCredits.${plan} must be a number of USD between 0 and ${MAX_BALANCE_USD}`);
    }
    micros.set(plan, microsFromUsd(usd));
  }
  return (plan) => micros.get(plan) ?? 0;
}

function checkOwner(owner: string): string {
  return parseInput(ownerSchema, owner, 'Invalid owner', 'owner');
}
