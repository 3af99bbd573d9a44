import { Hono } from 'hono';
import type { Context } from 'hono';
import type { Clock } from './clock';
import { setDirectValidation } from './direct-validation';
import type { Engine, InitialCredits } from './engine';
import type { KeyHasherFactory } from './hasher';
import { errorToParts, errorToResponse } from './http/errors';
import type { ServerLogger } from './http/errors';
import { problem, replyParts } from './http/responses';
import type { HeaderRecord, ReplyParts } from './http/responses';
import { adminAuth } from './middleware/admin-auth';
import { FailedAttemptThrottle } from './middleware/admin-throttle';
import { limitPostBody } from './middleware/body-limit';
import { pathOfUrl } from './middleware/admin-paths';
import { createCors } from './middleware/cors';
import { IdempotencyCache } from './middleware/idempotency';
import { addNoStore, applyNoStore } from './middleware/no-store';
import { resolveRequestId } from './middleware/request-id';
import { addSecurityHeaders, applySecurityHeaders } from './middleware/security-headers';
import type { RouteDeps, ServerHono } from './routes/deps';
import { registerDebitRoutes } from './routes/debit';
import { registerHealthRoutes } from './routes/health';
import { registerKeyIdRoutes, registerKeyRoutes } from './routes/keys';
import { registerModelRoutes } from './routes/models';
import { isKnownPath } from './routes/resource';
import { registerUsageRoutes } from './routes/usage';
import { invitationRoutes } from './routes/invitations';
import { organizationKeyRoutes } from './routes/organization-keys';
import { organizationMemberRoutes } from './routes/organization-members';
import { organizationRoutes } from './routes/organizations';
import { registerPlatformRoutes } from './routes/platform-route';
import { siweRoutes, tokenRoutes } from './routes/siwe';
import { registerValidateRoutes, VALIDATE_PATH, validationReply } from './routes/validate';
import { randomSecretHex } from './store/random-secret';
import type { Store } from './store/types';
import type { Outbox } from './outbox/outbox';
import { createTestKit } from './test-controls/controls';
import type { TestControls } from './test-controls/controls';
import { isDroppedConnection } from './test-controls/dropped-connection';
import { injectedFailure } from './test-controls/middleware';
import { registerTestControlRoutes } from './test-controls/routes';
import { SERVER_VERSION } from './version';

/**
 * Options of `createApp`. Everything is optional: the default is an in-memory store, the
 * system clock and a random admin token (read it from `app.adminToken`).
 *
 * @example
 * const options: CreateAppOptions = { adminToken: 'dev-admin-token', clock: new ManualClock('2025-01-15T10:30:00Z') };
 */
export interface CreateAppOptions {
  /** An engine to serve; when given, `store`, `clock` and `hasher` are ignored. */
  engine?: Engine;
  /** Default: a new `MemoryStore`. */
  store?: Store;
  /** Default: `systemClock`. */
  clock?: Clock;
  /** Default: `nobleHmacHasher`. */
  hasher?: KeyHasherFactory;
  /**
   * USD a new owner account gets, by billing plan (see `EngineOptions.initialCredits`);
   * default `{ free: 1 }`. Ignored when `engine` is given.
   */
  initialCredits?: InitialCredits;
  /** The admin token; default: 64 random hex characters. */
  adminToken?: string;
  /** Largest accepted request body; default 64 KiB. */
  maxBodyBytes?: number;
  /**
   * The connection's address, used when a validation has no `client_ip`. Default: Node's
   * `env.incoming.socket.remoteAddress` (@hono/node-server), else `env.clientIp`.
   */
  getClientIp?: (c: Context) => string | undefined;
  /** Allowed CORS origins of the public routes (validation, usage records, models, health); default `*`. */
  corsOrigin?: string | string[];
  /**
   * Origins allowed to call the admin surface (admin-token routes, test controls) from a
   * browser; default none: those routes answer without CORS headers.
   */
  adminCorsOrigins?: string[];
  /**
   * Serve the test controls over HTTP under `/__hokusai/*` (admin token required). Off by
   * default: the routes then do not exist (404). `app.controls` works either way.
   */
  testControls?: boolean;
  /** Wrong admin tokens a client may send in a minute before its admin requests get 429; default 10. */
  adminFailuresPerMinute?: number;
  /** Lifetime of the access tokens wallet sign-in issues, in seconds; default 86400 (24 hours). Ignored when `engine` is given. */
  tokenLifetimeSeconds?: number;
  /** Reported by `/version`. */
  version?: string;
  /** Where unexpected (500) errors are reported; default `console`. */
  logger?: ServerLogger;
}

/**
 * The stub server as a Web-standard fetch handler.
 *
 * @example
 * const app = createApp({ adminToken: 'secret' });
 * const res = await app.request('/health');
 * await res.json(); // { status: 'healthy' }
 */
export interface HokusaiAuthApp {
  /** Answers one request; `env` is passed to Hono as its bindings (Node passes `{ incoming, outgoing }`). */
  fetch(request: Request, env?: unknown): Promise<Response>;
  /** `fetch` for tests: a path such as `/health` is resolved against `http://localhost`. */
  request(input: string | URL | Request, init?: RequestInit, env?: unknown): Promise<Response>;
  readonly engine: Engine;
  readonly adminToken: string;
  /** The in-memory `Idempotency-Key` replays. */
  readonly idempotency: IdempotencyCache;
  /** The underlying Hono app, for mounting extra routes before the server starts. */
  readonly hono: ServerHono;
  /** In-process test controls: move the clock, seed keys, make calls fail, read the outbox, reset. */
  readonly controls: TestControls;
  /** Where the server's mails go (nothing is delivered); `outbox.subscribe` sees each one. */
  readonly outbox: Outbox;
}

const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
const DEFAULT_ADMIN_FAILURES_PER_MINUTE = 10;

/**
 * Builds the stub server: Hono routes → engine → store. Every response carries the security
 * headers and an `X-Request-ID`; nothing a caller sends produces a 500.
 *
 * @example
 * const app = createApp({ adminToken: 'secret', clock: new ManualClock('2025-01-15T10:30:00Z') });
 * const res = await app.request('/api/v1/keys', {
 *   method: 'POST',
 *   headers: { Authorization: 'Bearer secret', 'Content-Type': 'application/json' },
 *   body: JSON.stringify({ name: 'My First Key', service_id: 'prediction', environment: 'test' }),
 * });
 * res.status; // 201
 */
export function createApp(options: CreateAppOptions = {}): HokusaiAuthApp {
  // The engine runs on a controllable clock and can be reset (see test-controls/).
  const testKit = createTestKit(options);
  const engine = testKit.engine;
  const adminToken = options.adminToken ?? randomSecretHex(32);
  if (adminToken.trim() === '' || /\s/.test(adminToken)) throw new TypeError('adminToken must be a non-empty token without spaces');
  const logger = options.logger ?? console;
  const idempotency = new IdempotencyCache(engine.clock);
  testKit.onReset(() => idempotency.clear());
  const hono: ServerHono = new Hono();

  // One middleware in front of every route, doing in order: a preflight to a path that does
  // not exist is a 404; any other preflight is answered by CORS; an injected failure answers
  // before any route; a POST body over the limit is a 413. One function rather than four
  // `use` calls: each middleware Hono chains costs an extra async step on every request.
  const corsPolicy = createCors(options.corsOrigin, options.adminCorsOrigins);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const bodyLimit = limitPostBody(maxBodyBytes);
  hono.use('*', (c, next) => {
    if (c.req.method === 'OPTIONS') {
      if (!isKnownPath(hono, c.req.path)) return Promise.resolve(problem(404, 'Not found'));
      return corsPolicy.preflight(c, next);
    }
    const failure = injectedFailure(testKit.failures, c.req.method, c.req.path);
    if (failure) return Promise.resolve(failure);
    return bodyLimit(c, next);
  });

  const attempts = new FailedAttemptThrottle(engine.clock, options.adminFailuresPerMinute ?? DEFAULT_ADMIN_FAILURES_PER_MINUTE);
  testKit.onReset(() => attempts.clear());
  const clientIp = options.getClientIp ?? defaultClientIp;
  const deps: RouteDeps = {
    engine,
    admin: adminAuth(adminToken, { attempts, client: clientIp }),
    idempotent: idempotency.middleware(),
    clientIp,
    version: options.version ?? SERVER_VERSION,
  };
  registerHealthRoutes(hono, deps);
  registerValidateRoutes(hono, deps);
  registerKeyRoutes(hono, deps);
  registerKeyIdRoutes(hono, deps);
  registerUsageRoutes(hono, deps);
  registerDebitRoutes(hono, deps);
  registerModelRoutes(hono, deps);
  registerPlatformRoutes(hono, deps, [
    ...siweRoutes,
    ...tokenRoutes,
    ...organizationRoutes,
    ...organizationMemberRoutes,
    ...invitationRoutes,
    ...organizationKeyRoutes,
  ]);
  if (options.testControls) registerTestControlRoutes(hono, testKit.controls, deps.admin);

  hono.notFound(() => problem(404, 'Not found'));
  hono.onError((error) => {
    // A dropped connection has no response: the runtime (TCP server, msw) acts on the error.
    if (isDroppedConnection(error)) throw error;
    return errorToResponse(error, logger);
  });

  const fetch = async (request: Request, env?: unknown): Promise<Response> => {
    const requestId = resolveRequestId(request.headers.get('X-Request-ID'));
    let response: Response;
    try {
      response = await hono.fetch(request, env as Record<string, unknown> | undefined);
    } catch (error) {
      if (isDroppedConnection(error)) throw error;
      response = errorToResponse(error, logger);
    }
    return finalize(response, requestId, request.headers.get('Origin'), pathOfUrl(request.url));
  };

  /** Security headers, the request id and CORS on every response, whatever produced it. */
  function finalize(response: Response, requestId: string, origin: string | null, path: string): Response {
    const parts = replyParts(response);
    // A response from `json`: made again in one step with every header as a plain record.
    if (parts) return new Response(parts.body, finalParts(parts, requestId, origin, path));
    let final = response;
    try {
      applySecurityHeaders(final.headers);
    } catch {
      // Immutable headers (a Response from elsewhere): copy it.
      final = new Response(response.body, response);
      applySecurityHeaders(final.headers);
    }
    final.headers.set('X-Request-ID', requestId);
    applyNoStore(final.headers);
    corsPolicy.apply(final.headers, origin, path);
    return final;
  }

  /** `finalize` for the parts of a `json` answer: a new header record with every final header. */
  function finalParts(parts: ReplyParts, requestId: string, origin: string | null, path: string): ReplyParts {
    const headers: HeaderRecord = {};
    for (const name in parts.headers) headers[name] = parts.headers[name]!;
    addFinalHeaders(headers, requestId, origin, path);
    return { status: parts.status, body: parts.body, headers };
  }

  function addFinalHeaders(headers: HeaderRecord, requestId: string, origin: string | null, path: string): void {
    addSecurityHeaders(headers);
    headers['x-request-id'] = requestId;
    addNoStore(headers);
    corsPolicy.applyToRecord(headers, origin, path);
  }

  const app: HokusaiAuthApp = {
    fetch,
    request: (input, init, env) => fetch(toRequest(input, init), env),
    engine,
    adminToken,
    idempotency,
    hono,
    controls: testKit.controls,
    outbox: testKit.outbox,
  };
  // The validate route once more, without Web Request/Response objects: the same reply and the
  // same final headers as through `fetch`, for the Node server's hot path (node-listener.ts).
  setDirectValidation(app, {
    maxBodyBytes,
    available: () => testKit.failures.size === 0,
    answer(request) {
      const requestId = resolveRequestId(request.requestId);
      // The parts are made for this request alone, so the final headers go straight in.
      const finish = (parts: ReplyParts) => {
        addFinalHeaders(parts.headers, requestId, request.origin, VALIDATE_PATH);
        return parts;
      };
      const fail = (error: unknown) => finish(errorToParts(error, logger));
      try {
        const reply = validationReply(engine, request);
        return reply instanceof Promise ? reply.then(finish, fail) : finish(reply);
      } catch (error) {
        return fail(error);
      }
    },
  });
  return app;
}

function defaultClientIp(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: unknown } }; clientIp?: unknown } | undefined;
  const fromNode = env?.incoming?.socket?.remoteAddress;
  if (typeof fromNode === 'string') return fromNode;
  return typeof env?.clientIp === 'string' ? env.clientIp : undefined;
}

function toRequest(input: string | URL | Request, init?: RequestInit): Request {
  if (input instanceof Request) return init ? new Request(input, init) : input;
  const url = typeof input === 'string' && input.startsWith('/') ? `http://localhost${input}` : input;
  return new Request(url, init);
}
