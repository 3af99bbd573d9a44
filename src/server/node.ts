// Node-only entry of the stub server (`./server/node`): a TCP listener with @hono/node-server,
// the persistent SQLite store and the node:crypto hasher. Browsers and msw use `./server`.
import { createServer } from 'node:http';
import type { RequestListener, ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import type { HokusaiAuthApp } from './app';
import type { Clock } from './clock';
import type { ServerLogger } from './http/errors';
import { nodeHmacHasher } from './node-hasher';
import { withApiDescription } from './api-description';
import type { ApiDescription } from './api-description';
import { withDirectValidation } from './node-listener';
import { withRequestLog } from './request-log';
import type { RequestLogOptions } from './request-log';
import { MemoryStore } from './store/memory';
import { SqliteStore } from './store/sqlite';
import type { Store } from './store/types';
import { isDroppedConnection } from './test-controls/dropped-connection';

export { SqliteStore } from './store/sqlite';
export type { SqliteStoreOptions } from './store/sqlite';
export type { SqliteDriverName } from './store/sqlite-driver';
export { nodeHmacHasher } from './node-hasher';
export { readApiDescription } from './api-description';
export type { ApiDescription } from './api-description';
export type { RequestLogFormat, RequestLogOptions } from './request-log';

/**
 * Options of `startServer`. Without `dataFile` the keys live in memory.
 *
 * @example
 * const options: StartServerOptions = { port: 0, dataFile: '.hokusai-auth/hokusai-auth.sqlite' };
 */
export interface StartServerOptions {
  /** TCP port; 0 picks a free one. Default 8787. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1` (loopback only). */
  host?: string;
  /** SQLite file to persist keys and usage in (created with its folder if missing). */
  dataFile?: string;
  /** Keep everything in memory even if `dataFile` is set. */
  memory?: boolean;
  /** Use this store instead (it is not closed by `close()`). */
  store?: Store;
  /** Default: 64 random hex characters, returned as `adminToken`. */
  adminToken?: string;
  clock?: Clock;
  /** Do not report unexpected errors on the console. */
  quiet?: boolean;
  /** How long `close()` lets in-flight requests finish before cutting connections (ms). Default 5000. */
  shutdownGraceMs?: number;
  /** Serve the test controls under `/__hokusai/*` (admin token required); `app.controls` works either way. */
  testControls?: boolean;
  /** Log one line per request (off by default; the command-line server turns it on). */
  requestLog?: RequestLogOptions;
  /** Serve `/openapi.json`, `/openapi.yaml`, `/docs` and `/` from these texts (see `readApiDescription`). */
  apiDescription?: ApiDescription;
}

/**
 * A running stub server.
 *
 * @example
 * const server = await startServer({ port: 0 });
 * await fetch(`${server.url}/health`);
 * await server.close();
 */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:8787`. */
  url: string;
  port: number;
  host: string;
  adminToken: string;
  app: HokusaiAuthApp;
  store: Store;
  /** Stops accepting connections, lets in-flight requests finish, then closes the store. */
  close(): Promise<void>;
}

const silentLogger: ServerLogger = { error: () => undefined };

/**
 * Starts the stub server on a TCP port.
 *
 * @example
 * const server = await startServer({ port: 8787, dataFile: '.hokusai-auth/hokusai-auth.sqlite', adminToken: 'dev-token' });
 * console.log(server.url); // http://127.0.0.1:8787
 * process.on('SIGTERM', () => server.close());
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const ownsStore = options.store === undefined;
  const store = options.store ?? openStore(options);
  const app = createApp({
    store,
    hasher: nodeHmacHasher,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.adminToken !== undefined ? { adminToken: options.adminToken } : {}),
    // The client address comes from `env.incoming.socket` (createApp's default).
    logger: options.quiet ? silentLogger : console,
    testControls: options.testControls ?? false,
  });

  let server: ReturnType<typeof serve>;
  try {
    server = await listen(app, options.port ?? 8787, host, options);
  } catch (error) {
    if (ownsStore) store.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= new Promise<void>((resolve) => {
      const force = setTimeout(() => closeAll(server), options.shutdownGraceMs ?? 5000);
      force.unref();
      // Keep-alive connections would hold `close` open: drop each one as soon as it is idle,
      // i.e. once its in-flight request has been answered.
      const dropIdle = setInterval(() => closeIdle(server), 25);
      dropIdle.unref();
      server.close(() => {
        clearTimeout(force);
        clearInterval(dropIdle);
        if (ownsStore) store.close();
        resolve();
      });
      closeIdle(server);
    }));

  return { url: `http://${urlHost}:${port}`, port, host, adminToken: app.adminToken, app, store, close };
}

function openStore(options: StartServerOptions): Store {
  if (options.memory || !options.dataFile) return new MemoryStore();
  return new SqliteStore({ filename: options.dataFile });
}

function listen(app: HokusaiAuthApp, port: number, hostname: string, extras: StartServerOptions): Promise<ReturnType<typeof serve>> {
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        fetch: (request, env) => answerOrDrop(app, request, env),
        port,
        hostname,
        // @hono/node-server's listener, with the validate route's hot path in front.
        createServer: ((serverOptions: ServerOptions, listener: RequestListener) =>
          createServer(serverOptions, withExtras(withDirectValidation(app, listener), extras))) as typeof createServer,
      },
      () => {
        server.off('error', reject);
        resolve(server);
      },
    );
    server.once('error', reject);
  });
}

/** The API description's pages in front of the app, and the request log around everything. */
function withExtras(listener: RequestListener, extras: StartServerOptions): RequestListener {
  const described = extras.apiDescription ? withApiDescription(listener, extras.apiDescription) : listener;
  return extras.requestLog ? withRequestLog(described, extras.requestLog) : described;
}

function closeIdle(server: unknown): void {
  (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
}

function closeAll(server: unknown): void {
  (server as { closeAllConnections?: () => void }).closeAllConnections?.();
}

/** `app.fetch`, except that a connection a test control drops is really cut (the client sees a reset socket). */
function answerOrDrop(app: HokusaiAuthApp, request: Request, env: unknown): Promise<Response> {
  // A plain `.then` rather than an async wrapper: one promise less on every request.
  return app.fetch(request, env).then(undefined, (error: unknown) => {
    if (!isDroppedConnection(error)) throw error;
    (env as { incoming?: { socket?: { destroy(): void } } } | undefined)?.incoming?.socket?.destroy();
    return new Response(null, { status: 500 });
  });
}
