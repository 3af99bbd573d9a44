import type { Clock } from '../clock';
import { systemClock } from '../clock';
import { nobleHmacHasher } from '../hasher';
import type { KeyHasherFactory } from '../hasher';
import { MemoryStore } from '../store/memory';
import type { Store } from '../store/types';
import { accountOf, initialCreditsResolver, readBalance, writeBalance } from './balance';
import type { BalanceUpdate, InitialCredits, OwnerBalance } from './balance';
import type { EngineContext } from './context';
import { debitUsage } from './debit';
import type { DebitOutcome } from './debit';
import { createKey, getKey, listKeys, revokeKey, rotateKey } from './keys';
import { listModels } from './models';
import { createPlatform } from '../platform';
import type { Mailer, Platform } from '../platform';
import { SlidingWindowRateLimiter } from './rate-limiter';
import { aggregateUsage, billing, recordUsage, usageStats } from './usage';
import { validateKey } from './validate';
import { WriteBehind } from './write-behind';
import type {
  AggregateFilter,
  ApiKeyInfo,
  BillingInfo,
  CreatedKey,
  CreateKeyInput,
  DebitUsageInput,
  ListKeysFilter,
  ModelsOutcome,
  UsageAggregate,
  UsageRecordInput,
  UsageStats,
  ValidateInput,
  ValidateOutcome,
} from './types';

/**
 * Options of `createEngine`.
 *
 * @example
 * const options: EngineOptions = { store: new MemoryStore(), clock: new ManualClock('2025-01-15T10:30:00Z') };
 */
export interface EngineOptions {
  /** Default: a new `MemoryStore`. */
  store?: Store;
  /** Default: `systemClock`. */
  clock?: Clock;
  /** Default: `nobleHmacHasher` (portable, synchronous); Node callers may pass `nodeHmacHasher`. */
  hasher?: KeyHasherFactory;
  /**
   * USD credited to a new owner account, by the billing plan of the key that opens it: when
   * the owner's first key is created, or when a key of an owner without an account (one stored
   * before) is first validated or debited. Default `DEFAULT_INITIAL_CREDITS` (`free`: 1).
   */
  initialCredits?: InitialCredits;
  /** Where the engine's mails (invitations) go; default: dropped. The test kit passes its outbox. */
  mailer?: Mailer;
  /** Lifetime of the access tokens wallet sign-in issues; default 86400 (24 hours). */
  tokenLifetimeSeconds?: number;
}

/**
 * The Hokusai auth domain without HTTP: keys, validation, usage and billing. Failures the
 * caller causes throw `EngineError` (kind `invalid`, `not_found` or `conflict`).
 *
 * @example
 * const engine = createEngine();
 * const { api_key } = await engine.createKey(requestSchemas.createKey.body.parse({ name: 'ci', service_id: 'prediction' }));
 * (await engine.validate({ apiKey: api_key })).body.is_valid; // true
 */
export interface Engine {
  readonly store: Store;
  readonly clock: Clock;
  /** Wallet sign-in, access tokens and organizations. */
  readonly platform: Platform;
  createKey(input: CreateKeyInput, userId?: string): Promise<CreatedKey>;
  listKeys(filter?: ListKeysFilter): ApiKeyInfo[];
  getKey(keyId: string): ApiKeyInfo;
  rotateKey(keyId: string): Promise<CreatedKey>;
  revokeKey(keyId: string): { message: string };
  validate(input: ValidateInput): Promise<ValidateOutcome>;
  /**
   * `validate`, answered without a promise when the hasher is synchronous (the default and
   * `nodeHmacHasher` are); a promise only for an asynchronous hasher such as Web Crypto.
   */
  validateNow(input: ValidateInput): ValidateOutcome | Promise<ValidateOutcome>;
  recordUsage(keyId: string, input: UsageRecordInput): { message: string };
  /** Debits the key owner's settled balance and records the usage (see `DebitOutcome`). */
  debit(keyId: string, input: DebitUsageInput): DebitOutcome;
  /** An owner's account in USD (0 and 0 when it has none). */
  balance(owner: string): OwnerBalance;
  /** Sets an owner's settled and/or pending USD. */
  setBalance(owner: string, update: BalanceUpdate): OwnerBalance;
  usageStats(keyId: string, period?: string): UsageStats;
  billing(keyId: string): BillingInfo;
  aggregateUsage(filter?: AggregateFilter): UsageAggregate;
  listModels(input: { apiKey: string; connectionIp?: string | null }): Promise<ModelsOutcome>;
  /** True when the store answers queries. */
  ready(): boolean;
  /** Writes what validations left pending (`last_used_at`, rate-limit windows); call before closing the store. */
  flush?(): void;
  /** Drops what is pending without writing it (the store is about to be emptied). */
  discard?(): void;
}

/**
 * Builds an engine over a store and a clock.
 *
 * @example
 * const clock = new ManualClock('2025-01-31T23:00:00Z');
 * const engine = createEngine({ clock });
 */
export function createEngine(options: EngineOptions = {}): Engine {
  const store = options.store ?? new MemoryStore();
  const clock = options.clock ?? systemClock;
  const limiter = new SlidingWindowRateLimiter();
  const ctx: EngineContext = {
    store,
    clock,
    hash: (options.hasher ?? nobleHmacHasher)(store.hmacSecret()),
    limiter,
    writes: new WriteBehind(store, limiter, clock),
    initialCreditsMicros: initialCreditsResolver(options.initialCredits),
  };
  const platform = createPlatform(ctx, {
    mailer: options.mailer ?? { send: () => undefined },
    ...(options.tokenLifetimeSeconds === undefined ? {} : { tokenLifetimeSeconds: options.tokenLifetimeSeconds }),
  });
  return {
    store,
    clock,
    platform,
    createKey: async (input, userId) => {
      const created = await createKey(ctx, input, userId);
      accountOf(ctx, created.key_info);
      return created;
    },
    listKeys: (filter) => listKeys(ctx, filter),
    getKey: (keyId) => getKey(ctx, keyId),
    rotateKey: (keyId) => rotateKey(ctx, keyId),
    revokeKey: (keyId) => revokeKey(ctx, keyId),
    validate: async (input) => validateKey(ctx, input),
    validateNow: (input) => validateKey(ctx, input),
    recordUsage: (keyId, input) => recordUsage(ctx, keyId, input),
    debit: (keyId, input) => debitUsage(ctx, keyId, input),
    balance: (owner) => readBalance(ctx, owner),
    setBalance: (owner, update) => writeBalance(ctx, owner, update),
    usageStats: (keyId, period) => usageStats(ctx, keyId, period),
    billing: (keyId) => billing(ctx, keyId),
    aggregateUsage: (filter) => aggregateUsage(ctx, filter),
    listModels: (input) => listModels(ctx, input),
    ready: () => store.ping(),
    flush: () => void ctx.writes.flush(),
    discard: () => ctx.writes.discard(),
  };
}

export { EngineError } from './errors';
export type { EngineErrorKind, FieldError } from './errors';
export { VALIDATION_ERRORS } from './validate';
export { LOCAL_MODELS } from './models';
export { DEFAULT_INITIAL_CREDITS } from './balance';
export type { BalanceUpdate, InitialCredits, OwnerBalance } from './balance';
export type { DebitOutcome } from './debit';
export { PRICE_PER_PREDICTION_USD } from './pricing';
export type * from './types';
