import type { Clock } from '../clock';
import { DAY_MS } from '../engine/time';
import { problem } from '../http/responses';
import type { HeaderRecord, ReplyParts } from '../http/responses';

interface Entry {
  fingerprint: string;
  expiresAt: number;
  /** Settles with the first answer to keep, or undefined when it was not kept. */
  result: Promise<ReplyParts | undefined>;
}

// Headers worth replaying; per-request ones (X-Request-ID, security headers) are set afresh.
const REPLAYED_HEADERS = ['content-type', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'];

/**
 * In-memory record of `Idempotency-Key`s (never written to disk: a replay holds the full key
 * of a create or rotate response). Entries live 24 hours by the server's clock.
 *
 * @example
 * const cache = new IdempotencyCache(clock);
 * const parts = await cache.run(key, 'POST', '/api/v1/keys', bodyText, answer);
 */
export class IdempotencyCache {
  readonly #entries = new Map<string, Entry>();

  constructor(
    readonly clock: Clock,
    readonly ttlMs: number = DAY_MS,
    readonly maxEntries = 100_000,
  ) {}

  /**
   * Answers a request that carries an `Idempotency-Key` (already checked by the route's header
   * schema). Same key + same method, path and body within the window → the first (2xx) answer
   * again, marked `Idempotent-Replayed: true`; same key with anything different → 409. Failed
   * first attempts are not kept, so a corrected retry with the same key goes through.
   *
   * @example
   * return cache.run(key, 'POST', '/api/v1/keys', bodyText, () => createKey());
   */
  async run(key: string, method: string, path: string, bodyText: string, answer: () => ReplyParts | Promise<ReplyParts>): Promise<ReplyParts> {
    const fingerprint = `${method} ${path} ${canonicalBody(bodyText)}`;
    this.#evictExpired();
    const existing = this.#entries.get(key);
    if (existing) {
      if (existing.fingerprint !== fingerprint) return problem(409, 'Idempotency-Key was already used with a different request body');
      const replay = await existing.result;
      if (replay) return replayOf(replay);
    }
    let settle: (replay: ReplyParts | undefined) => void = () => undefined;
    const entry: Entry = { fingerprint, expiresAt: this.clock.now() + this.ttlMs, result: new Promise((resolve) => (settle = resolve)) };
    this.#store(key, entry);
    let kept: ReplyParts | undefined;
    try {
      const parts = await answer();
      if (parts.status >= 200 && parts.status < 300) kept = snapshot(parts);
      return parts;
    } finally {
      if (!kept && this.#entries.get(key) === entry) this.#entries.delete(key);
      settle(kept);
    }
  }

  /** Forgets every key (e.g. between tests). */
  clear(): void {
    this.#entries.clear();
  }

  #store(key: string, entry: Entry): void {
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    // Bounded memory: drop the oldest keys first.
    while (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  #evictExpired(): void {
    const now = this.clock.now();
    // Entries sit in insertion order, which is expiry order: stop at the first live one.
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt > now) break;
      this.#entries.delete(key);
    }
  }
}

/** The same JSON written with other spacing or key order is the same body. */
function canonicalBody(text: string): string {
  if (text.trim() === '') return '';
  try {
    return JSON.stringify(sortKeys(JSON.parse(text)));
  } catch {
    return `raw:${text}`;
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  // No prototype, so a `__proto__` member stays an ordinary member of the fingerprint.
  const sorted: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}

function snapshot(parts: ReplyParts): ReplyParts {
  const headers: HeaderRecord = {};
  for (const name of REPLAYED_HEADERS) if (parts.headers[name] !== undefined) headers[name] = parts.headers[name];
  return { status: parts.status, body: parts.body, headers };
}

function replayOf(replay: ReplyParts): ReplyParts {
  return { status: replay.status, body: replay.body, headers: { ...replay.headers, 'idempotent-replayed': 'true' } };
}
