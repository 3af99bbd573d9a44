import { Hono } from 'hono';
import type { Context, MiddlewareHandler } from 'hono';
import type { IncomingRequest } from '../boundary/parse';
import type { Dispatcher } from '../dispatch';
import { readBodyText } from '../http/body';
import { errorReply } from '../http/errors';
import type { ServerLogger } from '../http/errors';
import type { FinishReply } from '../http/final-headers';
import { partsOf, problem, toResponse } from '../http/responses';
import type { HeaderRecord, ReplyParts } from '../http/responses';
import { pathOfUrl } from '../middleware/admin-paths';
import { limitPostBody } from '../middleware/body-limit';
import type { createCors } from '../middleware/cors';
import { routesByPath } from '../routes/table';
import type { TestKit } from '../test-controls/controls';
import { isDroppedConnection } from '../test-controls/dropped-connection';
import { injectedFailure } from '../test-controls/middleware';

/** The Hono app type of the stub server. `Bindings` vary by runtime (node, msw, tests). */
export type ServerHono = Hono<{ Bindings: Record<string, unknown> | undefined }>;

/** What the Web transport is built from. */
export interface WebTransportOptions {
  dispatcher: Dispatcher;
  finish: FinishReply;
  cors: ReturnType<typeof createCors>;
  maxBodyBytes: number;
  clientIp(c: Context): string | undefined;
  logger: ServerLogger;
  /** Present only when the app was asked for its test kit. */
  kit: TestKit | undefined;
  /** The user's middleware, in front of every route. */
  middleware: MiddlewareHandler[];
}

/**
 * The Web-standard fetch handler (Hono, msw, in-process calls): Hono routes each request of the
 * table to the dispatcher, and the final pass adds the headers every answer carries, also to
 * answers that did not come from the table (404, 405, preflights, routes added on `hono`).
 *
 * @example
 * const web = createWebTransport({ dispatcher, finish, cors, maxBodyBytes: 65536, clientIp: () => undefined, logger: console, kit: undefined, middleware: [] });
 * await web.fetch(new Request('http://localhost/health'));
 */
export function createWebTransport(options: WebTransportOptions) {
  const { dispatcher, finish, kit, logger } = options;
  const hono: ServerHono = new Hono();
  const known = dispatcher.routes.map((route) => new RegExp(`^${route.path.replace(/:[A-Za-z_]+/g, '[^/]+')}$`));
  const bodyLimit = limitPostBody(options.maxBodyBytes);

  // One middleware in front of every route (each one Hono chains costs an async step): a
  // preflight to a path that does not exist is a 404, any other is answered by CORS; an
  // injected failure (test kit only) answers before any route; a POST body over the limit is a 413.
  hono.use('*', (c, next) => {
    if (c.req.method === 'OPTIONS') {
      if (!known.some((pattern) => pattern.test(c.req.path))) return Promise.resolve(toResponse(problem(404, 'Not found')));
      return options.cors.preflight(c, next);
    }
    const failure = kit && injectedFailure(kit.failures, c.req.method, c.req.path);
    if (failure) return Promise.resolve(toResponse(failure));
    return bodyLimit(c, next);
  });
  for (const handler of options.middleware) hono.use('*', handler);
  // Path by path in table order, each followed by its 405, so a specific path (`/keys/validate`)
  // answers its own 405 before a parameterised one (`/keys/:key_id`) can take the request.
  for (const [path, routes] of routesByPath(dispatcher.routes)) {
    for (const route of routes) {
      hono.on(route.method, path, async (c) => toResponse(await dispatcher.answer(route, incomingOf(c, options.clientIp), () => readBodyText(c))));
    }
    const allow = routes.flatMap((route) => (route.method === 'GET' ? ['GET', 'HEAD'] : [route.method])).join(', ');
    hono.all(path, (c) => toResponse(problem(405, `Method ${c.req.method} not allowed; use ${allow}`, undefined, { Allow: allow })));
  }
  hono.notFound(() => toResponse(problem(404, 'Not found')));
  hono.onError((error) => {
    // A dropped connection has no response: the runtime (TCP server, msw) acts on the error.
    if (isDroppedConnection(error)) throw error;
    return toResponse(errorReply(error, logger));
  });
  // What the table registered; more means a user added middleware or routes on `hono`.
  const ownHandlers = hono.routes.length;

  async function fetch(request: Request, env?: unknown): Promise<Response> {
    let response: Response;
    try {
      response = await hono.fetch(request, env as Record<string, unknown> | undefined);
    } catch (error) {
      if (isDroppedConnection(error)) throw error;
      response = toResponse(errorReply(error, logger));
    }
    const requestId = request.headers.get('X-Request-ID');
    const origin = request.headers.get('Origin');
    const path = pathOfUrl(request.url);
    // User middleware may have edited the response: then read it, not its parts.
    const parts = options.middleware.length === 0 && hono.routes.length === ownHandlers ? partsOf(response) : undefined;
    if (parts) return new Response(parts.body, finish(parts, requestId, origin, path));
    // An answer from elsewhere (a preflight, Hono's HEAD, a user's route): same final pass over a copy of its headers.
    const headers: HeaderRecord = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    const final: ReplyParts = finish({ status: response.status, body: '', headers }, requestId, origin, path);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers: final.headers });
  }

  return {
    hono,
    fetch,
    /** True once routes (or middleware) were added on `hono` after the table. */
    extended: () => hono.routes.length !== ownHandlers,
  };
}

function incomingOf(c: Context, clientIp: (c: Context) => string | undefined): IncomingRequest {
  return {
    method: c.req.method,
    path: c.req.path,
    params: c.req.param() as Record<string, string>,
    query: (name) => c.req.query(name),
    // A fetch Request (msw, in-process calls) has no Host header: its URL's host stands in.
    header: (name) => c.req.header(name) ?? (name === 'host' ? new URL(c.req.url).host : undefined),
    connectionIp: clientIp(c) ?? null,
    origin: new URL(c.req.url).origin,
  };
}
