import { checkNumber } from '../client/config';
import type { HokusaiAuth } from '../client/hokusai-auth';
import { parseRetryAfterMs } from '../client/retry/retry-after';
import type { ServiceId } from '../client/types';
import { extractApiKey } from '../keys/extract';
import { missingKey, rateLimited, rateLimitedByService, refused, unavailable } from './answers';
import { clientIpOf, type TrustProxy } from './client-ip';
import { withDebit } from './debit';
import { binaryCacheIdOf, cacheIdOf } from './key-hash';
import type { MemoryCache } from './memory-cache';
import { MemoryGuardStore, memoryCacheOf } from './memory-store';
import type { KeyGuardOptions } from './options';
import { SingleFlight } from './single-flight';
import { after, isPromise, native } from './maybe-promise';
import type { CachedValidation, GuardAcceptance, GuardCacheEntry, GuardOutcome, GuardRequest, GuardStore, HokusaiKey, MaybePromise } from './types';
import { UsageBatcher } from './usage-batcher';

const DEFAULT_TTL_MS = 300_000;
const DEFAULT_NEGATIVE_TTL_MS = 10_000;
const DEFAULT_TIMEOUT_MS = 2_000;
/** `Retry-After` of a 503 when the auth service did not say. */
const DEFAULT_RETRY_AFTER_S = 5;
/** The client IP sent when the request's is unknown. */
const UNKNOWN_CLIENT_IP = '0.0.0.0';
/** Client IPs remembered per key: an allowlisted key's answer depends on the address. */
const MAX_IPS_PER_KEY = 32;

/**
 * One accepted request's usage, as `guard.recordUsage` takes it.
 *
 * @example
 * const report: UsageReport = { endpoint: '/v1/predict', status_code: 200, response_time_ms: 12, predictions_count: 1 };
 */
export interface UsageReport {
  endpoint: string;
  status_code: number;
  response_time_ms: number;
  predictions_count?: number;
  compute_ms?: number;
}

/**
 * Checks the API key of requests for one service. Framework adapters wrap it; use it directly
 * for anything else.
 *
 * @example
 * const outcome = await guard.check({ headers: req.headers, remoteAddress: req.socket.remoteAddress });
 * if (outcome.ok) console.log(outcome.key.key_id);
 */
export interface KeyGuard {
  /** The service this guard protects. */
  readonly service_id: ServiceId;
  /** True when the guard records usage (`usage` option). */
  readonly recordsUsage: boolean;
  /** The key of a request, validated (or from cache), or a ready 401/403/429/503 answer. */
  check(request: GuardRequest): Promise<GuardOutcome>;
  /**
   * `check`, answered synchronously when it can be (a fresh cached answer in a synchronous store,
   * such as the default one), else a native `Promise`: what the framework adapters call on every
   * request.
   */
  checkNow(request: GuardRequest): MaybePromise<GuardOutcome>;
  /** Forgets every cached answer for `apiKey`, e.g. from a revocation webhook: its next request is validated. */
  invalidate(apiKey: string): Promise<void>;
  /** Queues one usage record for an accepted request (no-op without the `usage` option). Never waits. */
  recordUsage(key: HokusaiKey, report: UsageReport): void;
  /** Sends the usage records still queued and waits for them. Call on shutdown. */
  close(): Promise<void>;
}

/** What one validation of a key (shared by every request waiting on it) came to. */
type Answer =
  | { kind: 'answer'; cached: CachedValidation }
  | { kind: 'rate-limited'; headers: Record<string, string> }
  | { kind: 'unavailable'; retryAfterSeconds: number };

/**
 * Creates the framework-free key guard: finds the key like the auth service does, validates it
 * for `service_id` (and `required_scope`, and the client IP), caches answers by a hash of the key,
 * and turns refusals into ready answers. See the adapters (`honoKeyGuard`, `expressKeyGuard`,
 * `fastifyKeyGuard`, `withKeyGuard`, `nodeKeyGuard`) for frameworks.
 *
 * Rate limits stay honest with the cache: the guard counts every request it lets through per key
 * in a sliding hour, starting from what the auth service has counted at each validation, and
 * answers 429 itself once `rate_limit_per_hour` is reached. A rate-limited answer is never cached.
 *
 * @example
 * import { HokusaiAuth } from '@hokusai/auth';
 * import { createKeyGuard } from '@hokusai/auth/middleware';
 *
 * const guard = createKeyGuard({ auth: new HokusaiAuth(), service_id: 'prediction', required_scope: 'predict' });
 * const outcome = await guard.check({ headers: request.headers });
 * if (!outcome.ok) return Response.json(outcome.body, { status: outcome.status, headers: outcome.headers });
 */
export function createKeyGuard(options: KeyGuardOptions): KeyGuard {
  return new Guard(options);
}

class Guard implements KeyGuard {
  readonly service_id: ServiceId;
  readonly recordsUsage: boolean;
  readonly #auth: HokusaiAuth;
  readonly #requiredScope: string | undefined;
  readonly #store: GuardStore | undefined;
  /** The default store's cache, read directly on a cache hit; its answers are never promises. */
  readonly #memory: MemoryCache | undefined;
  /** The id a key is stored under: shorter for the in-process store, hex for shared ones. */
  readonly #idOf: (apiKey: string) => string;
  readonly #ttlMs: number;
  readonly #negativeTtlMs: number;
  readonly #trustProxy: TrustProxy;
  readonly #failOpenFor: number;
  readonly #timeoutMs: number;
  readonly #onError: (error: unknown) => void;
  readonly #beforeAccept: KeyGuardOptions['beforeAccept'];
  readonly #now: () => number;
  readonly #usage: UsageBatcher | undefined;
  readonly #flights = new SingleFlight<Answer>();

  constructor(options: KeyGuardOptions) {
    const { cache = {}, usage = false } = options;
    this.service_id = options.service_id;
    this.#auth = options.auth;
    this.#requiredScope = options.required_scope;
    this.#now = options.now ?? Date.now;
    this.#store = cache === false ? undefined : (cache.store ?? new MemoryGuardStore({ max: cache.max, now: this.#now }));
    this.#memory = memoryCacheOf(this.#store);
    this.#idOf = this.#memory ? binaryCacheIdOf : cacheIdOf;
    this.#ttlMs = cache === false ? 0 : (checkNumber('cache.ttlMs', cache.ttlMs) ?? DEFAULT_TTL_MS);
    this.#negativeTtlMs = cache === false ? 0 : (checkNumber('cache.negativeTtlMs', cache.negativeTtlMs) ?? DEFAULT_NEGATIVE_TTL_MS);
    this.#trustProxy = options.trustProxy ?? false;
    this.#failOpenFor = checkNumber('failOpenFor', options.failOpenFor) ?? 0;
    this.#timeoutMs = checkNumber('timeoutMs', options.timeoutMs, 1) ?? DEFAULT_TIMEOUT_MS;
    this.#onError = options.onError ?? logError;
    this.#beforeAccept = withDebit(this.#auth, this.service_id, options.debit, options.beforeAccept, this.#now, this.#onError);
    this.#usage = usage === false ? undefined : new UsageBatcher(this.#auth, usage === true ? {} : usage, this.#onError);
    this.recordsUsage = this.#usage !== undefined;
  }

  check(request: GuardRequest): Promise<GuardOutcome> {
    try {
      const outcome = this.checkNow(request);
      return isPromise(outcome) ? outcome : Promise.resolve(outcome);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  checkNow(request: GuardRequest): MaybePromise<GuardOutcome> {
    const found = extractApiKey(request.headers, request.body);
    if (!found) return missingKey();
    const clientIp = clientIpOf(request, this.#trustProxy) ?? '';
    if (this.#memory) return this.#checkInMemory(this.#memory, found.key, clientIp, request);
    const id = cacheIdOf(found.key);
    const cached = this.#cached(id, clientIp);
    // Spelled out rather than through `after`: a cache hit, every request's case, makes no closure.
    if (isPromise(cached)) return cached.then((entry) => this.#fromCache(entry, found.key, id, clientIp, request));
    return this.#fromCache(cached, found.key, id, clientIp, request);
  }

  /**
   * `checkNow` on the default store: a cache hit is one map read, one clock read and one count on
   * the key's window, all synchronous.
   */
  #checkInMemory(memory: MemoryCache, apiKey: string, clientIp: string, request: GuardRequest): MaybePromise<GuardOutcome> {
    const id = binaryCacheIdOf(apiKey);
    const held = memory.held(id);
    const cached = held?.entry.byClientIp[clientIp];
    const now = this.#now();
    // `now < expiresAt` rather than `>=`: an inherited name looked up as a client IP has no expiry and is no hit.
    if (held === undefined || cached === undefined || !(now < cached.expiresAt)) return this.#miss(apiKey, id, clientIp, cached, request);
    const { result } = cached;
    if (!result.is_valid) return refused(result);
    const { key_id, rate_limit_per_hour } = result;
    if (!memory.takeUse(held, key_id, rate_limit_per_hour, now)) return rateLimited(memory.countUse(key_id, rate_limit_per_hour, now), now);
    return this.#accept(result, 'cache', request);
  }

  #fromCache(cached: CachedValidation | undefined, apiKey: string, id: string, clientIp: string, request: GuardRequest): MaybePromise<GuardOutcome> {
    const now = this.#now();
    return cached && now < cached.expiresAt ? this.#settle(cached, 'cache', request, now) : this.#miss(apiKey, id, clientIp, cached, request);
  }

  /** No fresh answer in the cache: validate, once for every request waiting on this key and client IP. */
  async #miss(apiKey: string, id: string, clientIp: string, cached: CachedValidation | undefined, request: GuardRequest): Promise<GuardOutcome> {
    const answer = await this.#flights.run(`${id} ${clientIp}`, async (current) => {
      // A flight that ended while this request read the store has stored its answer: use it.
      const stored = await this.#cached(id, clientIp);
      if (stored && this.#now() < stored.expiresAt) return { kind: 'answer', cached: stored };
      return this.#validate(apiKey, id, clientIp, current);
    });
    if (answer.kind === 'answer') return this.#settle(answer.cached, 'auth-service', request, this.#now());
    if (answer.kind === 'rate-limited') return rateLimitedByService(answer.headers);
    // Fail open only on what was known about this very key, and only for `failOpenFor`.
    const now = this.#now();
    if (cached && now < cached.expiresAt + this.#failOpenFor) return this.#settle(cached, 'stale-cache', request, now);
    return unavailable(answer.retryAfterSeconds);
  }

  async invalidate(apiKey: string): Promise<void> {
    const id = this.#idOf(apiKey);
    this.#flights.forget(`${id} `);
    await this.#store?.delete(id);
  }

  recordUsage(key: HokusaiKey, report: UsageReport): void {
    this.#usage?.add(key.key_id, { service_id: this.service_id, ...report });
  }

  async close(): Promise<void> {
    await this.#usage?.close();
  }

  #cached(id: string, clientIp: string): MaybePromise<CachedValidation | undefined> {
    if (!this.#store) return undefined;
    const entry = this.#fromStore(this.#store.get(id));
    return isPromise(entry) ? entry.then((ready) => ready?.byClientIp[clientIp]) : entry?.byClientIp[clientIp];
  }

  /** A store's answer, a native promise when the store's is any thenable. */
  #fromStore<T>(answer: MaybePromise<T>): MaybePromise<T> {
    return this.#memory ? answer : native(answer);
  }

  /** Turns a validation answer into this request's outcome, counting the use against the hour. */
  #settle(cached: CachedValidation, source: GuardAcceptance['source'], request: GuardRequest, now: number): MaybePromise<GuardOutcome> {
    const { result } = cached;
    if (!result.is_valid) return refused(result);
    if (!this.#store) return this.#accept(result, source, request);
    const count = this.#fromStore(this.#store.countUse(result.key_id, result.rate_limit_per_hour, now));
    if (isPromise(count)) return count.then((ready) => (ready.allowed ? this.#accept(result, source, request) : rateLimited(ready, now)));
    return count.allowed ? this.#accept(result, source, request) : rateLimited(count, now);
  }

  #accept(key: HokusaiKey, source: GuardAcceptance['source'], request: GuardRequest): MaybePromise<GuardOutcome> {
    if (!this.#beforeAccept) return { ok: true, key, source };
    return after(this.#beforeAccept(key, request), (refusal) => refusal || { ok: true, key, source });
  }

  /** Asks the auth service once for every request waiting on this key and client IP. */
  async #validate(apiKey: string, id: string, clientIp: string, current: () => boolean): Promise<Answer> {
    let headers: Headers | undefined;
    try {
      const result = await this.#auth.validate(
        apiKey,
        // Without it the auth service would check the guard's own address. For an unknown client,
        // the unspecified address: in no allowlist short of one that allows every address.
        { service_id: this.service_id, required_scope: this.#requiredScope, client_ip: clientIp || UNKNOWN_CLIENT_IP },
        // A 429 asking for a longer wait than one attempt is answered at once, not waited out.
        { timeoutMs: this.#timeoutMs, maxRetryDelayMs: this.#timeoutMs, onResponse: (response) => (headers = response.headers) },
      );
      if (!result.is_valid && result.error_code === 'rate_limited') return { kind: 'rate-limited', headers: rateLimitHeadersOf(headers) };
      const now = this.#now();
      const rateLimit = rateLimitOf(headers);
      const ttl = result.is_valid ? this.#ttlMs : this.#negativeTtlMs;
      const cached: CachedValidation = { result, validatedAt: now, expiresAt: now + ttl, ...(rateLimit && { rateLimit }) };
      if (this.#store && current()) {
        // The auth service's count includes this validation, which `#settle` counts per request.
        if (result.is_valid && rateLimit) await this.#store.raiseUses(result.key_id, rateLimit.limit - rateLimit.remaining - 1, now);
        await this.#remember(id, clientIp, cached, now);
      }
      return { kind: 'answer', cached };
    } catch (error) {
      this.#onError(error);
      const retryAfterMs = headers && parseRetryAfterMs(headers, this.#now());
      return { kind: 'unavailable', retryAfterSeconds: retryAfterMs ? Math.ceil(retryAfterMs / 1000) : DEFAULT_RETRY_AFTER_S };
    }
  }

  /** Stores an answer next to the key's answers for other client IPs, kept for `failOpenFor` past expiry. */
  async #remember(id: string, clientIp: string, cached: CachedValidation, now: number): Promise<void> {
    const keep = (answer: CachedValidation) => answer.expiresAt + this.#failOpenFor > now;
    if (!keep(cached)) return;
    const previous = (await this.#store!.get(id))?.byClientIp ?? {};
    const answers = Object.entries({ ...previous, [clientIp]: cached })
      .filter(([, answer]) => keep(answer))
      .sort(([, a], [, b]) => b.validatedAt - a.validatedAt)
      .slice(0, MAX_IPS_PER_KEY);
    const entry: GuardCacheEntry = { byClientIp: Object.fromEntries(answers) };
    const ttl = Math.max(...answers.map(([, answer]) => answer.expiresAt)) + this.#failOpenFor - now;
    await this.#store!.set(id, entry, ttl);
  }
}

/** `X-RateLimit-Limit` and `-Remaining` of a validation answer, when the auth service sent them. */
function rateLimitOf(headers: Headers | undefined): CachedValidation['rateLimit'] {
  const limit = Number(headers?.get('x-ratelimit-limit') ?? Number.NaN);
  const remaining = Number(headers?.get('x-ratelimit-remaining') ?? Number.NaN);
  return Number.isInteger(limit) && Number.isInteger(remaining) ? { limit, remaining } : undefined;
}

/** The auth service's `Retry-After` and `X-RateLimit-*` headers, passed on with its 429. */
function rateLimitHeadersOf(headers: Headers | undefined): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of ['Retry-After', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset']) {
    const value = headers?.get(name);
    if (value) picked[name] = value;
  }
  return picked;
}

/** SDK errors never contain a key or token, so their name and message are safe to print. */
function logError(error: unknown): void {
  console.error(`@hokusai/auth/middleware: ${error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error'}`);
}
