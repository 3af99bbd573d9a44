import type { FieldError } from '../boundary/field-errors';
import type { RateLimitState } from '../engine/types';

/** Every error body: `{detail}`, plus `errors` naming each bad field for invalid input. */
export interface ErrorBody {
  detail: string;
  errors?: FieldError[];
}

/** Response headers as a plain record with lower-case names. */
export type HeaderRecord = Record<string, string>;

/**
 * An answer as every transport writes it: the Node fast transport writes these parts as they
 * are, the Web fetch handler makes one `Response` of them (`toResponse`).
 */
export interface ReplyParts {
  status: number;
  body: string;
  /** Lower-case names. */
  headers: HeaderRecord;
}

// A Response made by `toResponse` carries its parts under this symbol, so the final pass can add
// the per-request headers by making one new response from a plain record instead of editing
// `response.headers`: a Response whose body is a string and whose headers are a plain record
// stays on @hono/node-server's fast path. A response rebuilt elsewhere (Hono's HEAD) has none.
const PARTS = Symbol('hokusai.replyParts');
type WithParts = Response & { [PARTS]?: ReplyParts };

/**
 * A JSON answer with the given status and extra headers.
 *
 * @example
 * json({ ok: true }, 200).headers['content-type']; // 'application/json'
 */
export function json(body: unknown, status = 200, headers?: HeaderRecord): ReplyParts {
  const record: HeaderRecord = { 'content-type': 'application/json' };
  if (headers) for (const name in headers) record[name.toLowerCase()] = headers[name]!;
  record['content-type'] = 'application/json';
  return { status, body: JSON.stringify(body), headers: record };
}

/**
 * An error answer: `{detail, errors?}`.
 *
 * @example
 * problem(405, 'Method PUT not allowed; use POST', undefined, { Allow: 'POST' }).status; // 405
 */
export function problem(status: number, detail: string, errors?: FieldError[], headers?: HeaderRecord): ReplyParts {
  const body: ErrorBody = errors && errors.length > 0 ? { detail, errors } : { detail };
  return json(body, status, headers);
}

/**
 * A Web `Response` of reply parts, carrying them for `partsOf`.
 *
 * @example
 * toResponse(json({ ok: true })).status; // 200
 */
export function toResponse(parts: ReplyParts): Response {
  const response: WithParts = new Response(parts.body, { status: parts.status, headers: parts.headers });
  response[PARTS] = parts;
  return response;
}

/**
 * The parts of a response made by `toResponse`, or undefined for any other response.
 *
 * @example
 * partsOf(toResponse(json({ ok: true })))?.body; // '{"ok":true}'
 */
export function partsOf(response: Response): ReplyParts | undefined {
  return (response as WithParts)[PARTS];
}

/**
 * The `X-RateLimit-*` headers (and `Retry-After` when the limit is used up); none without a state.
 *
 * @example
 * rateLimitHeaders({ limit: 100, remaining: 99, reset: 1736940600 });
 * // { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '99', 'x-ratelimit-reset': '1736940600' }
 */
export function rateLimitHeaders(state: RateLimitState | undefined): HeaderRecord | undefined {
  if (!state) return undefined;
  const headers: HeaderRecord = {
    'x-ratelimit-limit': String(state.limit),
    'x-ratelimit-remaining': String(state.remaining),
    'x-ratelimit-reset': String(state.reset),
  };
  if (state.retryAfter !== undefined) headers['retry-after'] = String(state.retryAfter);
  return headers;
}
