// Public types of the key guard: what it is given, what it answers.
import type { ApiKeyHeaderRecord } from '../keys';
import type { ValidationErrorCode, ValidationResult, ValidationSuccess } from '../client/types';

/**
 * The validated key a guard puts on the request: the auth service's success answer.
 *
 * @example
 * const scopes = (key: HokusaiKey) => key.scopes; // ['predict']
 */
export type HokusaiKey = ValidationSuccess;

/**
 * Why a guard refused a request: a validation `error_code`, `missing_key` (no key sent) or
 * `auth_unavailable` (the auth service could not answer). A `beforeAccept` hook may use its own.
 *
 * @example
 * const code: GuardErrorCode = 'missing_key';
 */
export type GuardErrorCode = ValidationErrorCode | 'missing_key' | 'auth_unavailable' | (string & {});

/**
 * What a guard needs of a request, whatever the framework.
 *
 * @example
 * const request: GuardRequest = { headers: req.headers, body: req.body, remoteAddress: req.socket.remoteAddress };
 */
export interface GuardRequest {
  /** A Fetch `Headers` object or a plain record such as Node's `IncomingHttpHeaders`. */
  headers: Headers | ApiKeyHeaderRecord;
  /** The parsed body, when the framework has parsed one: its `api_key` field is the third place a key may be. */
  body?: unknown;
  /** The address of the connection (the client, or the nearest proxy). */
  remoteAddress?: string | null;
  /** The request's path without the query string: the `endpoint` of a per-request debit. */
  path?: string;
}

/**
 * A ready answer refusing a request: status, headers and a JSON body with the auth service's text.
 *
 * @example
 * const rejection: GuardRejection = {
 *   ok: false,
 *   status: 401,
 *   headers: { 'WWW-Authenticate': 'Bearer' },
 *   body: { detail: 'Invalid API key', error_code: 'invalid_key' },
 * };
 */
export interface GuardRejection {
  ok: false;
  status: number;
  headers: Record<string, string>;
  body: { detail: string; error_code: GuardErrorCode };
}

/**
 * A request let through, with the key and where the answer came from.
 *
 * @example
 * const accepted: GuardAcceptance = { ok: true, key, source: 'cache' };
 */
export interface GuardAcceptance {
  ok: true;
  key: HokusaiKey;
  /** `auth-service`: validated now; `cache`: a fresh cached answer; `stale-cache`: served by `failOpenFor`. */
  source: 'auth-service' | 'cache' | 'stale-cache';
}

/**
 * What `guard.check` answers: narrow on `ok`.
 *
 * @example
 * const outcome = await guard.check(request);
 * if (!outcome.ok) return Response.json(outcome.body, { status: outcome.status, headers: outcome.headers });
 */
export type GuardOutcome = GuardAcceptance | GuardRejection;

/**
 * One validation answer kept in the cache, for one client IP (an allowlisted key may be valid
 * from one address and not from another).
 *
 * @example
 * const cached: CachedValidation = { result, validatedAt: 0, expiresAt: 300_000 };
 */
export interface CachedValidation {
  result: ValidationResult;
  /** `X-RateLimit-Limit`/`-Remaining` of the auth service at validation time, when it sent them. */
  rateLimit?: { limit: number; remaining: number };
  validatedAt: number;
  expiresAt: number;
}

/**
 * What the cache holds under one key hash: the answers per client IP (`''` when unknown).
 * Plain JSON, so a shared store can serialize it.
 *
 * @example
 * const entry: GuardCacheEntry = { byClientIp: { '203.0.113.7': cached } };
 */
export interface GuardCacheEntry {
  byClientIp: Record<string, CachedValidation>;
}

/**
 * The state of a key's hourly window as the guard counts it.
 *
 * @example
 * const state: UseCount = { allowed: false, limit: 10, remaining: 0, reset: 1736944200 };
 */
export interface UseCount {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch seconds when the oldest counted use leaves the window. */
  reset: number;
}

/**
 * A value or a promise of it: a store may be synchronous (memory) or not (Redis).
 *
 * @example
 * const read = (id: string): MaybePromise<GuardCacheEntry | undefined> => cache.get(id);
 */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Where a guard keeps validation answers and counts uses. The default is in-process
 * (`MemoryGuardStore`); implement this to share both between instances (e.g. Redis: `GET`/`SET PX`
 * for entries, a sorted set per key id for uses). Ids are SHA-256 hashes of keys and key ids —
 * never a key.
 *
 * @example
 * const store: GuardStore = {
 *   get: async (id) => JSON.parse((await redis.get(`hk:${id}`)) ?? 'null') ?? undefined,
 *   set: async (id, entry, ttlMs) => void (await redis.set(`hk:${id}`, JSON.stringify(entry), 'PX', ttlMs)),
 *   delete: async (id) => void (await redis.del(`hk:${id}`)),
 *   countUse: (keyId, limit, now) => myRedisWindow.count(keyId, limit, now),
 *   raiseUses: (keyId, used, now) => myRedisWindow.raise(keyId, used, now),
 * };
 */
export interface GuardStore {
  get(id: string): MaybePromise<GuardCacheEntry | undefined>;
  set(id: string, entry: GuardCacheEntry, ttlMs: number): MaybePromise<void>;
  delete(id: string): MaybePromise<void>;
  /** Counts one use of `keyId` at `now` if fewer than `limit` were counted in the last hour. */
  countUse(keyId: string, limit: number, now: number): MaybePromise<UseCount>;
  /** Makes the hour's count of `keyId` at least `used` (what the auth service has counted), as uses at `now`. */
  raiseUses(keyId: string, used: number, now: number): MaybePromise<void>;
}
