import type { IncomingRequest, ParsedRequest } from '../boundary/parse';
import type { RequestSchemas } from '../boundary/schemas';
import type { Engine } from '../engine';
import type { ReplyParts } from '../http/responses';

/** What a route's answer may use besides its parsed input. */
export interface RouteContext {
  engine: Engine;
  version: string;
  /** The raw request, for what no schema describes (the API key headers, the connection's address). */
  request: IncomingRequest;
}

/**
 * One route of the table: the only place that knows a method and path. Every transport
 * dispatches through it (see `dispatch.ts`): the admin token is checked first, then the
 * request is parsed with `request` (the spec's schemas), then `answer` runs.
 *
 * @example
 * const health = route({ method: 'GET', path: '/health', access: 'public', request: {}, answer: () => json({ status: 'healthy' }) });
 */
export interface Route<R extends RequestSchemas = RequestSchemas> {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Hono-style path; `:name` segments are path parameters. */
  path: string;
  access: 'admin' | 'public';
  /** Honours `Idempotency-Key` (replays the first 2xx answer). */
  idempotent?: boolean;
  request: R;
  answer(input: ParsedRequest<R>, context: RouteContext): ReplyParts | Promise<ReplyParts>;
}

/**
 * Declares a route with its input typed from its schemas.
 *
 * @example
 * route({ method: 'GET', path: '/live', access: 'public', request: {}, answer: () => json({ status: 'alive' }) });
 */
export function route<R extends RequestSchemas>(definition: Route<R>): Route {
  return definition as unknown as Route;
}

/**
 * The two headers that may carry an API key (`Authorization`, `X-API-Key`), for `extractApiKey`.
 *
 * @example
 * extractApiKey(apiKeyHeaders(request), body);
 */
export function apiKeyHeaders(request: IncomingRequest): Record<string, string | undefined> {
  return { authorization: request.header('authorization'), 'x-api-key': request.header('x-api-key') };
}
