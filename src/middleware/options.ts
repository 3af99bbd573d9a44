import type { HokusaiAuth } from '../client/hokusai-auth';
import type { ServiceId } from '../client/types';
import type { TrustProxy } from './client-ip';
import type { DebitOptions } from './debit';
import type { UsageOptions } from './usage-batcher';
import type { GuardRejection, GuardRequest, GuardStore, HokusaiKey, MaybePromise } from './types';

/**
 * The validation cache of a guard.
 *
 * @example
 * const cache: CacheOptions = { ttlMs: 60_000, negativeTtlMs: 5_000, max: 50_000 };
 */
export interface CacheOptions {
  /** How long a valid key's answer is reused, in ms. Default 300 000 (the auth service's `CACHE_TTL`). `0`: not cached. */
  ttlMs?: number;
  /** How long a refused key's answer is reused, in ms. Default 10 000. `0`: not cached. */
  negativeTtlMs?: number;
  /** Most keys held by the default in-process store. Default 10 000. */
  max?: number;
  /** Where answers and use counts live; default an in-process `MemoryGuardStore`. Share one (Redis) between instances. */
  store?: GuardStore;
}

/**
 * Settings of `createKeyGuard`. Only `auth` and `service_id` are required.
 *
 * @example
 * const options: KeyGuardOptions = {
 *   auth: new HokusaiAuth({ baseUrl: 'http://127.0.0.1:8787' }),
 *   service_id: 'prediction',
 *   required_scope: 'predict',
 *   usage: { flushEveryMs: 1_000 },
 * };
 */
export interface KeyGuardOptions {
  /** The client the guard validates keys and records usage with (no admin token needed). */
  auth: HokusaiAuth;
  /** The service this guard protects: a key for another service is refused (403). */
  service_id: ServiceId;
  /** A scope the key must have (a key with no scopes has them all). */
  required_scope?: string;
  /** The validation cache (on by default); `false` validates every request. */
  cache?: false | CacheOptions;
  /** Record one usage record per accepted request, batched; off by default. */
  usage?: boolean | UsageOptions;
  /** Whose `X-Forwarded-For` to believe for the client IP. Default `false`: the connection's address. */
  trustProxy?: TrustProxy;
  /**
   * When the auth service cannot answer, keep serving a key's cached answer for this long (ms)
   * past its expiry. Default 0: fail closed (503). A key never seen is never let in.
   */
  failOpenFor?: number;
  /** Limit of each validation attempt, in ms (the client's retries apply). Default 2 000. */
  timeoutMs?: number;
  /** Told of every failure to reach the auth service or record usage. Default: one line on stderr, no key in it. */
  onError?: (error: unknown) => void;
  /**
   * Runs on every request the key check accepts (from cache or not), before the handler: return a
   * rejection to refuse it after all (e.g. a per-request balance check), nothing to let it through.
   */
  beforeAccept?: (key: HokusaiKey, request: GuardRequest) => MaybePromise<GuardRejection | undefined | void>;
  /**
   * Debit the key owner's prepaid balance before each accepted request
   * (`POST /api/v1/usage/{key_id}/debit`, one prediction by default), as Hokusai's own services
   * do: a refusal answers 402 with the auth service's reason (`error_code`
   * `insufficient_balance` or `insufficient_settled_balance`). If the auth service cannot be
   * reached the request goes through and `onError` is told. Off by default.
   */
  debit?: boolean | DebitOptions;
  /** The clock, epoch ms. Default `Date.now`; tests pass a controllable one. */
  now?: () => number;
}
