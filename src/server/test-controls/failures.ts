import * as z from 'zod';
import { parseInput } from '../boundary/parse';
import type { HeaderRecord, ReplyParts } from '../http/responses';

/**
 * One "make the next N calls fail" rule. Without `method` it matches every method but
 * `OPTIONS` (so a browser's CORS preflight does not use it up). `path` is an exact path or a
 * pattern with `:name` segments and a `*` wildcard (`/api/v1/keys/:key_id`, `/api/v1/usage/*`).
 *
 * @example
 * const rule: FailNextOptions = { method: 'POST', path: '/api/v1/keys/validate', times: 2, status: 503, retry_after: 1 };
 */
export interface FailNextOptions {
  method?: string;
  path: string;
  /** How many matching calls fail; default 1. */
  times?: number;
  /** Status of the answer; default 503. Ignored with `drop`. */
  status?: number;
  /** `Retry-After` header: seconds, or an HTTP date. Snake_case, like every body of the API and the HTTP route. */
  retry_after?: number | string;
  /** JSON body of the answer; default `{"detail": "<reason phrase>"}`. */
  body?: unknown;
  /** Extra response headers. */
  headers?: Record<string, string>;
  /** Drop the connection instead of answering (fetch rejects with a TypeError). */
  drop?: boolean;
}

/**
 * A rule waiting to fire, as `pendingFailures()` and `GET /__hokusai/failures` show it.
 *
 * @example
 * controls.pendingFailures(); // [{ id: 1, method: 'POST', path: '/api/v1/keys', remaining: 1, status: 503, retry_after: null, drop: false }]
 */
export interface PendingFailure {
  id: number;
  method: string | null;
  path: string;
  remaining: number;
  status: number;
  retry_after: number | string | null;
  drop: boolean;
}

const METHOD = /^[A-Za-z]{1,20}$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;

const shape = {
  method: z
    .string()
    .regex(METHOD, 'Must be an HTTP method such as GET or POST')
    .transform((method) => method.toUpperCase())
    .optional(),
  path: z
    .string()
    .min(1)
    .max(2000)
    .regex(/^\/[^?#\s]*$/, 'Must be a path starting with / (no query string), e.g. /api/v1/keys/validate'),
  times: z.number().int().min(1).max(10_000).default(1),
  status: z.number().int().min(200).max(599).default(503),
  retry_after: z.union([z.number().int().min(0), z.string().min(1).max(100)]).optional(),
  body: z.unknown().optional(),
  headers: z.record(z.string().regex(HEADER_NAME, 'Must be a header name'), z.string().max(1000)).optional(),
  drop: z.boolean().default(false),
};

/** A rule, in process (`controls.failNext`) and as sent to `POST /__hokusai/failures`: the same spelling. */
export const failNextSchema = z.strictObject(shape);

type Rule = z.output<typeof failNextSchema> & { id: number; remaining: number; matches: RegExp };

const REASONS: Record<number, string> = {
  400: 'Bad request',
  401: 'Not authenticated',
  403: 'Forbidden',
  404: 'Not found',
  408: 'Request timeout',
  409: 'Conflict',
  429: 'Too many requests',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

/** What a matching rule does to one call. */
export type InjectedFailure = { drop: true } | { drop: false; reply: ReplyParts };

/**
 * The pending "fail next" rules of one app, checked in the order they were added.
 *
 * @example
 * const queue = new FailureQueue();
 * queue.add({ path: '/health', status: 500 });
 * queue.take('GET', '/health'); // { drop: false, reply: { status: 500, … } }
 */
export class FailureQueue {
  #rules: Rule[] = [];
  #nextId = 1;

  /** How many rules are pending. */
  get size(): number {
    return this.#rules.length;
  }

  /** Adds a rule; throws a 400 naming each bad field for bad options. */
  add(options: FailNextOptions): PendingFailure {
    const parsed = parseInput(failNextSchema, options, 'Invalid failure rule');
    const rule: Rule = { ...parsed, id: this.#nextId++, remaining: parsed.times, matches: pathPattern(parsed.path) };
    this.#rules.push(rule);
    return describe(rule);
  }

  /** Uses up one call of the first rule matching this request, if any. */
  take(method: string, path: string): InjectedFailure | undefined {
    if (this.#rules.length === 0) return undefined;
    const upper = method.toUpperCase();
    const rule = this.#rules.find((r) => (r.method === undefined ? upper !== 'OPTIONS' : r.method === upper) && r.matches.test(path));
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.#rules = this.#rules.filter((r) => r !== rule);
    return rule.drop ? { drop: true } : { drop: false, reply: failureReply(rule) };
  }

  pending(): PendingFailure[] {
    return this.#rules.map(describe);
  }

  clear(): void {
    this.#rules = [];
  }
}

function failureReply(rule: Rule): ReplyParts {
  const headers: HeaderRecord = {};
  for (const [name, value] of Object.entries(rule.headers ?? {})) headers[name.toLowerCase()] = value;
  headers['content-type'] = 'application/json';
  if (rule.retry_after !== undefined) headers['retry-after'] = String(rule.retry_after);
  const body = rule.body === undefined ? { detail: REASONS[rule.status] ?? 'Injected failure' } : rule.body;
  return { status: rule.status, body: JSON.stringify(body), headers };
}

function describe(rule: Rule): PendingFailure {
  return {
    id: rule.id,
    method: rule.method ?? null,
    path: rule.path,
    remaining: rule.remaining,
    status: rule.status,
    retry_after: rule.retry_after ?? null,
    drop: rule.drop,
  };
}

/** `/a/:id/*` → /^\/a\/[^/]+\/.*$/ (everything else literal). */
function pathPattern(path: string): RegExp {
  const source = path
    .split(/(:[A-Za-z_][A-Za-z0-9_]*|\*)/)
    .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}
