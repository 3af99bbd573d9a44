import { parseRequest } from './boundary/parse';
import type { IncomingRequest } from './boundary/parse';
import type { Engine } from './engine';
import { errorReply } from './http/errors';
import type { ServerLogger } from './http/errors';
import type { ReplyParts } from './http/responses';
import { adminAuth } from './middleware/admin-auth';
import type { FailedAttemptThrottle } from './middleware/admin-throttle';
import type { IdempotencyCache } from './middleware/idempotency';
import type { Route } from './routes/route';
import { routesByPath } from './routes/table';

/** What `createDispatcher` needs, built once by `createApp`. */
export interface DispatcherOptions {
  routes: readonly Route[];
  engine: Engine;
  adminToken: string;
  /** Failed admin-token attempts per client, for the 429 after too many. */
  attempts?: FailedAttemptThrottle;
  idempotency: IdempotencyCache;
  version: string;
  logger: ServerLogger;
  /** Told of every answer of a route (the metrics count them); must not throw. */
  observe?: (route: Route, reply: ReplyParts) => void;
}

/** A route of the table and the path parameters of one request to it. */
export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/**
 * The one way a request reaches a route, whatever the transport: admin token, then the route's
 * schemas (path, query, headers, body), then `Idempotency-Key` replay, then the route's answer;
 * anything thrown becomes its JSON answer. Synchronous whenever the body is at hand and the
 * route answers synchronously (the validate route on the Node fast transport).
 *
 * @example
 * const dispatcher = createDispatcher({ routes, engine, adminToken, idempotency, version, logger });
 * const match = dispatcher.match('GET', '/health');
 * if (match) dispatcher.answer(match.route, incoming, () => '');
 */
export interface Dispatcher {
  readonly routes: readonly Route[];
  /** The route for a method and a decoded path, if the table has one. */
  match(method: string, path: string): RouteMatch | undefined;
  /** The answer before the final headers; never throws or rejects. `readBody` is called only when the route reads a body. */
  answer(route: Route, request: IncomingRequest, readBody: () => string | Promise<string>): ReplyParts | Promise<ReplyParts>;
}

/**
 * Builds the dispatcher over a route table.
 *
 * @example
 * const dispatcher = createDispatcher({ routes: [validateRoute], engine, adminToken: 'secret', idempotency, version: '1.0.0', logger: console });
 */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { engine, version, idempotency, logger } = options;
  const checkAdmin = adminAuth(options.adminToken, options.attempts);
  const paths = [...routesByPath(options.routes)].map(([path, routes]) => ({ routes, ...compilePath(path) }));
  const fail = (error: unknown) => errorReply(error, logger);

  function run(route: Route, request: IncomingRequest, bodyText: string): ReplyParts | Promise<ReplyParts> {
    try {
      const input = parseRequest(route.request, request, bodyText);
      const context = { engine, version, request };
      const given = route.idempotent ? (input.headers as Record<string, string | undefined> | undefined)?.['Idempotency-Key'] : undefined;
      const reply =
        given === undefined
          ? route.answer(input, context)
          : idempotency.run(`${idempotencyScope(route, request)}\n${given}`, request.method, request.path, bodyText, () => route.answer(input, context));
      return reply instanceof Promise ? reply.catch(fail) : reply;
    } catch (error) {
      return fail(error);
    }
  }

  return {
    routes: options.routes,
    match(method, path) {
      // The first path that matches decides, as in the Web transport: its route for this
      // method, or none (that path's 405).
      for (const { routes, pattern, names } of paths) {
        const found = pattern.exec(path);
        if (!found) continue;
        const route = routes.find((candidate) => candidate.method === method);
        if (!route) return undefined;
        const params: Record<string, string> = {};
        names.forEach((name, i) => (params[name] = found[i + 1]!));
        return { route, params };
      }
      return undefined;
    },
    answer(route, request, readBody) {
      const reply = answerOnce(route, request, readBody);
      const observe = options.observe;
      if (!observe) return reply;
      if (reply instanceof Promise) return reply.then((parts) => (observe(route, parts), parts));
      observe(route, reply);
      return reply;
    },
  };

  function answerOnce(route: Route, request: IncomingRequest, readBody: () => string | Promise<string>): ReplyParts | Promise<ReplyParts> {
    try {
      if (route.access === 'admin') {
        const denied = checkAdmin(request.header('authorization'), request.connectionIp);
        if (denied) return denied;
      }
      // Only a route with a body schema reads it (and an idempotent one, for its fingerprint).
      const text = route.request.body !== undefined || route.request.rawBody || route.idempotent ? readBody() : '';
      return typeof text === 'string' ? run(route, request, text) : text.then((body) => run(route, request, body), fail);
    } catch (error) {
      return fail(error);
    }
  }
}

/**
 * Whose `Idempotency-Key`s these are: the admin has its own namespace, and anonymous usage
 * posts one per key id, so nobody can probe or squat another caller's keys.
 */
function idempotencyScope(route: Route, request: IncomingRequest): string {
  return route.access === 'admin' ? 'admin' : `anonymous:${(request.params.key_id ?? '').toLowerCase()}`;
}

/** `/a/:id/b` → a pattern with one group per `:name` segment, and the names. */
function compilePath(path: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { pattern: new RegExp(`^${source}$`), names };
}
