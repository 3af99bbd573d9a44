import type { IncomingRequest } from '../boundary/parse';
import type { Dispatcher, RouteMatch } from '../dispatch';
import type { FinishReply } from '../http/final-headers';
import type { ReplyParts } from '../http/responses';

// A path and query made only of these characters reads the same raw as decoded (no `%`, no
// `+`, no dot segments to resolve): anything else goes through `fetch` and its URL parsing.
const PLAIN_PATH = /^(?:\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)+$|^\/$/;
const PLAIN_QUERY = /^[A-Za-z0-9._~:=&-]*$/;

/**
 * A request of the fast transport, once its route is known.
 *
 * @example
 * const target = app.fast.route('POST', '/api/v1/keys/validate');
 */
export interface FastTarget {
  match: RouteMatch;
  path: string;
  query: URLSearchParams | undefined;
}

/**
 * The same routes as `fetch`, answered from a request's raw parts and written as reply parts:
 * for a transport that reads and writes bytes itself (the Node server's listener), without
 * Web `Request`/`Response` objects. Both go through the one dispatcher and the one final pass,
 * so the answers are the same (test/server/transports/fast-transport.test.ts holds the two side
 * by side). It steps aside (`route` gives undefined) when only `fetch` can answer alike:
 * middleware or routes added on `app.hono`, a `getClientIp` option (it reads Hono's context),
 * a pending injected failure, an unknown route or method, a URL that needs decoding.
 */
export interface FastTransport {
  /** Largest body it answers; a larger or chunked one must go through `fetch` (its 413). */
  readonly maxBodyBytes: number;
  /** The route of `method` + `url` (path and query) when this transport may answer it. */
  route(method: string, url: string): FastTarget | undefined;
  /** The final answer, every header included; never throws or rejects. */
  answer(target: FastTarget, request: FastRequest): ReplyParts | Promise<ReplyParts>;
}

/**
 * What the fast transport reads of a request besides its URL.
 *
 * @example
 * const request: FastRequest = { header: (name) => headers[name], connectionIp: '127.0.0.1', bodyText: '{}' };
 */
export interface FastRequest {
  /** A header by lower-case name (repeated ones joined with ", "). */
  header(name: string): string | undefined;
  connectionIp: string | null;
  bodyText: string;
}

/** What the fast transport is built from. */
export interface FastTransportOptions {
  dispatcher: Dispatcher;
  finish: FinishReply;
  maxBodyBytes: number;
  /** True while only `fetch` can give the right answer. */
  stepAside(): boolean;
}

/**
 * Builds the fast transport of an app (done by `createApp`).
 *
 * @example
 * const fast = createFastTransport({ dispatcher, finish, maxBodyBytes: 65536, stepAside: () => false });
 */
export function createFastTransport(options: FastTransportOptions): FastTransport {
  const { dispatcher, finish } = options;
  // Requests to a path without parameters or query (the validate route's) skip the matching:
  // at most one entry per route of the table, by method then URL (no joined key to build).
  const plainTargets = new Map<string, Map<string, FastTarget>>();
  return {
    maxBodyBytes: options.maxBodyBytes,
    route(method, url) {
      if (options.stepAside()) return undefined;
      const known = plainTargets.get(method)?.get(url);
      if (known) return known;
      const mark = url.indexOf('?');
      const path = mark === -1 ? url : url.slice(0, mark);
      const queryText = mark === -1 ? '' : url.slice(mark + 1);
      if (!PLAIN_PATH.test(path) || !PLAIN_QUERY.test(queryText)) return undefined;
      const match = dispatcher.match(method, path);
      if (!match) return undefined;
      const target = { match, path, query: queryText === '' ? undefined : new URLSearchParams(queryText) };
      if (mark === -1 && match.route.path === path) {
        const byUrl = plainTargets.get(method) ?? new Map<string, FastTarget>();
        plainTargets.set(method, byUrl.set(url, target));
      }
      return target;
    },
    answer({ match, path, query }, request) {
      const incoming: IncomingRequest = {
        method: match.route.method,
        path,
        params: match.params,
        query: (name) => query?.get(name) ?? undefined,
        header: request.header,
        connectionIp: request.connectionIp,
      };
      const done = (parts: ReplyParts) => finish(parts, request.header('x-request-id'), request.header('origin'), path);
      const reply = dispatcher.answer(match.route, incoming, () => request.bodyText);
      return reply instanceof Promise ? reply.then(done) : done(reply);
    },
  };
}
