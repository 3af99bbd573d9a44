import type { Context, MiddlewareHandler } from 'hono';
import type { Clock } from './clock';
import { systemClock } from './clock';
import { createDispatcher } from './dispatch';
import { createEngine } from './engine';
import type { Engine, InitialCredits } from './engine';
import type { KeyHasherFactory } from './hasher';
import type { ServerLogger } from './http/errors';
import { finalHeaders } from './http/final-headers';
import type { ReplyParts } from './http/responses';
import { FailedAttemptThrottle } from './middleware/admin-throttle';
import { createCors } from './middleware/cors';
import { IdempotencyCache } from './middleware/idempotency';
import { Outbox } from './outbox/outbox';
import { randomSecretHex } from './store/random-secret';
import type { Store } from './store/types';
import { routeTable } from './routes/table';
import { createTestKit } from './test-controls/controls';
import type { TestControls } from './test-controls/controls';
import { createFastTransport } from './transports/fast';
import type { FastTransport } from './transports/fast';
import { createWebTransport } from './transports/web';
import type { ServerHono } from './transports/web';
import { SERVER_VERSION } from './version';
import { createAppServices } from './app-services';
import type { RegistrationSettings } from './registration/settings';
import type { Route } from './routes/route';

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
   * `env.incoming.socket.remoteAddress` (@hono/node-server), else `env.clientIp`. Given, the
   * Node fast transport steps aside (this reads Hono's context).
   */
  getClientIp?: (c: Context) => string | undefined;
  /**
   * Hono middleware run in front of every route of the table (after CORS preflights, injected
   * failures and the body limit). Given, the Node fast transport steps aside, so it applies to
   * every request.
   */
  middleware?: MiddlewareHandler[];
  /** Allowed CORS origins of the public routes (validation, usage records, models, health); default `*`. */
  corsOrigin?: string | string[];
  /**
   * Origins allowed to call the admin surface (admin-token routes, test controls) from a
   * browser; default none: those routes answer without CORS headers.
   */
  adminCorsOrigins?: string[];
  /** Wrong admin tokens a client may send in a minute before its admin requests get 429; default 10. */
  adminFailuresPerMinute?: number;
  /** Lifetime of the access tokens wallet sign-in issues, in seconds; default 86400 (24 hours). Ignored when `engine` is given. */
  tokenLifetimeSeconds?: number;
  /**
   * Build the test kit: `app.controls` (controllable clock, seeded keys, injected failures,
   * reset). Off by default: the production request path then has no kit to consult.
   */
  testKit?: boolean;
  /**
   * Also serve the test controls over HTTP under `/__hokusai/*` (admin token required); implies
   * `testKit`. Off by default: the routes then do not exist (404).
   */
  testControls?: boolean;
  /**
   * Registration limits (per IP, per email domain, global, rolling window, bans) and the CAPTCHA
   * switch; unset fields keep `DEFAULT_REGISTRATION_SETTINGS`.
   */
  registration?: Partial<RegistrationSettings>;
  /** Reported by `/version`. */
  version?: string;
  /** Where unexpected (500) errors are reported; default `console`. */
  logger?: ServerLogger;
}

/**
 * The stub server as a Web-standard fetch handler, plus the fast transport a Node listener uses.
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
  /** The same routes answered from raw request parts, for a transport that writes bytes itself. */
  readonly fast: FastTransport;
  readonly engine: Engine;
  /** Where the server's mails go (nothing is delivered); `outbox.subscribe` sees each one. */
  readonly outbox: Outbox;
  readonly adminToken: string;
  /** The in-memory `Idempotency-Key` replays. */
  readonly idempotency: IdempotencyCache;
  /** The underlying Hono app, for mounting extra routes before the server starts (middleware: `CreateAppOptions.middleware`). */
  readonly hono: ServerHono;
  /** In-process test controls (move the clock, seed keys, make calls fail, reset); only with `testKit` or `testControls`. */
  readonly controls: TestControls | undefined;
}

/**
 * An app built with its test kit: `controls` is always there.
 *
 * @example
 * const app: TestableApp = createApp({ testKit: true });
 * app.controls.clock.advance(60_000);
 */
export type TestableApp = HokusaiAuthApp & { readonly controls: TestControls };

const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
const DEFAULT_ADMIN_FAILURES_PER_MINUTE = 10;

/**
 * Builds the stub server: one route table → one dispatcher (admin token, the spec's schemas,
 * idempotency) → engine → store, served by a Web fetch handler and a fast transport. Every
 * answer carries the security headers and an `X-Request-ID`; nothing a caller sends produces a 500.
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
export function createApp(options: CreateAppOptions & ({ testKit: true } | { testControls: true })): TestableApp;
export function createApp(options?: CreateAppOptions): HokusaiAuthApp;
export function createApp(options: CreateAppOptions = {}): HokusaiAuthApp {
  const kit = options.testKit || options.testControls ? createTestKit(options, (engine, outbox) => createAppServices(engine, outbox, options.registration)) : undefined;
  // Invitation mails go to the outbox; a ready `engine` keeps its own mailer.
  const outbox = kit?.services.outbox ?? new Outbox(options.engine?.clock ?? options.clock ?? systemClock);
  const engine = kit?.engine ?? options.engine ?? createEngine({ ...options, mailer: outbox });
  const services = kit?.services ?? createAppServices(engine, outbox, options.registration);
  const adminToken = checkedAdminToken(options.adminToken ?? randomSecretHex(32));
  const logger = options.logger ?? console;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const idempotency = new IdempotencyCache(engine.clock);
  const attempts = new FailedAttemptThrottle(engine.clock, options.adminFailuresPerMinute ?? DEFAULT_ADMIN_FAILURES_PER_MINUTE);
  kit?.onReset(() => {
    idempotency.clear();
    attempts.clear();
  });

  const routes = routeTable(options.testControls ? kit?.controls : undefined, services);
  const version = options.version ?? SERVER_VERSION;
  // Every answer of a route counts in the metrics, under the route as the spec writes it.
  const specPaths = new Map<Route, string>(routes.map((route) => [route, route.path.replace(/:([A-Za-z_]+)/g, '{$1}')]));
  const observe = (route: Route, reply: ReplyParts) => services.metrics.observe(route.method, specPaths.get(route)!, reply.status, reply.body);
  const dispatcher = createDispatcher({ routes, engine, adminToken, attempts, idempotency, version, logger, observe });
  const cors = createCors(options.corsOrigin, options.adminCorsOrigins);
  const finish = finalHeaders(cors);
  const clientIp = options.getClientIp ?? defaultClientIp;
  const middleware = options.middleware ?? [];
  const web = createWebTransport({ dispatcher, finish, cors, maxBodyBytes, clientIp, logger, kit, middleware });
  const fast = createFastTransport({
    dispatcher,
    finish,
    maxBodyBytes,
    // What only the Web transport can honour: Hono middleware and routes, Hono's context, the test kit's failures.
    stepAside: () =>
      middleware.length > 0 || web.extended() || options.getClientIp !== undefined || (kit !== undefined && kit.failures.size > 0),
  });

  return {
    fetch: web.fetch,
    request: (input, init, env) => web.fetch(toRequest(input, init), env),
    fast,
    engine,
    outbox: services.outbox,
    adminToken,
    idempotency,
    hono: web.hono,
    controls: kit?.controls,
  };
}

function checkedAdminToken(token: string): string {
  if (token.trim() === '' || /\s/.test(token)) throw new TypeError('adminToken must be a non-empty token without spaces');
  return token;
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
