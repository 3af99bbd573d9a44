import type { FieldError } from '../engine/errors';
import type { RateLimitState } from '../engine/types';

/** Every error body: `{detail}`, plus `errors` naming each bad field for invalid input. */
export interface ErrorBody {
  detail: string;
  errors?: FieldError[];
}

/** Response headers as a plain record with lower-case names. */
export type HeaderRecord = Record<string, string>;

/** What `json` built a response from, so the final pass can rebuild it in one step. */
export interface ReplyParts {
  status: number;
  body: string;
  /** Lower-case names; never changed after the response is made. */
  headers: HeaderRecord;
}

// Each response made by `json` carries its parts under this symbol. The final pass (app.ts)
// adds the per-request headers by making one new response from these parts instead of editing
// `response.headers`: a Response whose body is a string and whose headers are a plain record
// stays on @hono/node-server's fast path (no Headers object is ever built). A property rather
// than a WeakMap: cheaper to set, and a response rebuilt elsewhere (Hono, HEAD) has none.
const PARTS = Symbol('hokusai.replyParts');
type WithParts = Response & { [PARTS]?: ReplyParts };

/**
 * The parts of a response made by `json`, or undefined for any other response.
 *
 * @example
 * replyParts(json({ ok: true }))?.body; // '{"ok":true}'
 */
export function replyParts(response: Response): ReplyParts | undefined {
  return (response as WithParts)[PARTS];
}

/**
 * A JSON response with the given status and extra headers. Give every header here: do not
 * edit `response.headers` afterwards, the final pass would not see it.
 *
 * @example
 * return json(outcome.body, outcome.status, rateLimitHeaders(outcome.rateLimit));
 */
export function json(body: unknown, status = 200, headers?: HeaderRecord): Response {
  return responseFromParts(jsonParts(body, status, headers));
}

/**
 * The parts of a JSON answer, for transports that write them without a `Response`.
 *
 * @example
 * jsonParts({ ok: true }, 200).headers['content-type']; // 'application/json'
 */
export function jsonParts(body: unknown, status = 200, headers?: HeaderRecord): ReplyParts {
  const record: HeaderRecord = { 'content-type': 'application/json' };
  if (headers) for (const name in headers) record[name.toLowerCase()] = headers[name]!;
  record['content-type'] = 'application/json';
  return { status, body: JSON.stringify(body), headers: record };
}

/**
 * A response made from its parts, carrying them for `replyParts`.
 *
 * @example
 * responseFromParts(jsonParts({ ok: true })).status; // 200
 */
export function responseFromParts(parts: ReplyParts): Response {
  const response: WithParts = new Response(parts.body, { status: parts.status, headers: parts.headers });
  response[PARTS] = parts;
  return response;
}

/**
 * An error response: `{detail, errors?}`.
 *
 * @example
 * return problem(405, 'Method PUT not allowed; use POST', undefined, { Allow: 'POST' });
 */
export function problem(status: number, detail: string, errors?: FieldError[], headers?: HeaderRecord): Response {
  return responseFromParts(problemParts(status, detail, errors, headers));
}

/**
 * The parts of `problem`, for transports that write them without a `Response`.
 *
 * @example
 * problemParts(400, 'No API key provided').body; // '{"detail":"No API key provided"}'
 */
export function problemParts(status: number, detail: string, errors?: FieldError[], headers?: HeaderRecord): ReplyParts {
  const body: ErrorBody = errors && errors.length > 0 ? { detail, errors } : { detail };
  return jsonParts(body, status, headers);
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
