import type { MiddlewareHandler } from 'hono';
import type { Clock } from '../clock';
import { RequestProblem } from '../http/errors';
import { problem } from '../http/responses';
import { idempotencyKeyHeader } from '../http/schemas';
import { DAY_MS } from '../engine/time';
import { isAdminCaller } from './caller';

interface Replay {
  status: number;
  headers: [string, string][];
  body: string;
}

interface Entry {
  fingerprint: string;
  expiresAt: number;
  /** Settles with the first response to keep, or undefined when it was not kept. */
  result: Promise<Replay | undefined>;
}

// Headers worth replaying; per-request ones (X-Request-ID, security headers) are set afresh.
const REPLAYED_HEADERS = ['content-type', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'];

/**
 * In-memory record of `Idempotency-Key`s (never written to disk: a replay holds the full key
 * of a create or rotate response). Entries live 24 hours by the server's clock.
 *
 * @example
 * const cache = new IdempotencyCache(clock);
 * app.post('/api/v1/keys', cache.middleware(), handler);
 */
export class IdempotencyCache {
  readonly #entries = new Map<string, Entry>();

  constructor(
    readonly clock: Clock,
    readonly ttlMs: number = DAY_MS,
    readonly maxEntries = 100_000,
  ) {}

  /**
   * Same key + same method, path and body within the window → the first (2xx) response again,
   * marked `Idempotent-Replayed: true`; same key with anything different → 409. Failed first
   * attempts are not kept, so a corrected retry with the same key goes through.
   *
   * Keys are scoped to the caller: the admin has its own namespace, and anonymous usage posts
   * one per key id, so nobody can probe or squat another caller's keys.
   */
  middleware(): MiddlewareHandler {
    return async (c, next) => {
      const given = c.req.header('Idempotency-Key');
      if (given === undefined) return next();
      const namespace = isAdminCaller(c.req.raw) ? 'admin' : `anonymous:${(c.req.param('key_id') ?? '').toLowerCase()}`;
      const key = `${namespace}\n${given}`;
      if (!idempotencyKeyHeader.safeParse(given).success) {
        throw new RequestProblem(400, 'Invalid request parameters', [
          { field: 'Idempotency-Key', message: 'Must be 1 to 255 characters' },
        ]);
      }
      const fingerprint = `${c.req.method} ${new URL(c.req.url).pathname} ${canonicalBody(await c.req.text())}`;
      this.#evictExpired();
      const existing = this.#entries.get(key);
      if (existing) {
        if (existing.fingerprint !== fingerprint) {
          return problem(409, 'Idempotency-Key was already used with a different request body');
        }
        const replay = await existing.result;
        if (replay) return replayResponse(replay);
      }
      let settle: (replay: Replay | undefined) => void = () => undefined;
      const entry: Entry = {
        fingerprint,
        expiresAt: this.clock.now() + this.ttlMs,
        result: new Promise((resolve) => (settle = resolve)),
      };
      this.#store(key, entry);
      try {
        await next();
      } finally {
        const response = c.res;
        const kept = response.status >= 200 && response.status < 300 ? await snapshot(response) : undefined;
        if (!kept && this.#entries.get(key) === entry) this.#entries.delete(key);
        settle(kept);
      }
    };
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

async function snapshot(response: Response): Promise<Replay> {
  const headers: [string, string][] = [];
  for (const name of REPLAYED_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) headers.push([name, value]);
  }
  return { status: response.status, headers, body: await response.clone().text() };
}

function replayResponse(replay: Replay): Response {
  const response = new Response(replay.body, { status: replay.status, headers: replay.headers });
  response.headers.set('Idempotent-Replayed', 'true');
  return response;
}
