// Node-only entry of the stub server (`./server/node`): a TCP listener with @hono/node-server,
// the persistent SQLite store and the node:crypto hasher. Browsers and msw use `./server`.
import { createServer } from 'node:http';
import type { RequestListener, ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import type { HokusaiAuthApp } from './app';
import type { Clock } from './clock';
import type { InitialCredits } from './engine';
import type { ServerLogger } from './http/errors';
import { nodeHmacHasher } from './node-hasher';
import { withApiDescription } from './api-description';
import type { ApiDescription } from './api-description';
import { withHostCheck } from './host-check';
import { withFastTransport } from './node-listener';
import { formatMailLine } from './outbox/log-line';
import type { RegistrationSettings } from './registration/settings';
import { withRequestLog } from './request-log';
import type { RequestLogOptions } from './request-log';
import { makeDataFilesPrivate, prepareDataFile } from './store/file-modes';
import { guardStore } from './store/guarded';
import { MemoryStore } from './store/memory';
import { acquireOwnerLock } from './store/owner-lock';
import { SqliteStore } from './store/sqlite';
import type { Store } from './store/types';
import { isDroppedConnection } from './test-controls/dropped-connection';

export { SqliteStore } from './store/sqlite';
export { DataFileInUseError } from './store/owner-lock';
export { DamagedDataFileError } from './store/sqlite-integrity';
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
  /**
   * SQLite file to persist keys and usage in (created with its folder if missing; folder 0700,
   * files 0600). One server per file: a second one on the same file refuses to start
   * (`DataFileInUseError`), and a damaged file is refused (`DamagedDataFileError`).
   */
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
  /** Build the test kit: `app.controls` in-process (see `CreateAppOptions.testKit`). */
  testKit?: boolean;
  /** Also serve the test controls under `/__hokusai/*` (admin token required); implies `testKit`. */
  testControls?: boolean;
  /** Registration limits and CAPTCHA (see `CreateAppOptions.registration`). */
  registration?: Partial<RegistrationSettings>;
  /** Log one line per request (off by default; the command-line server turns it on). */
  requestLog?: RequestLogOptions;
  /** Serve `/openapi.json`, `/openapi.yaml`, `/docs` and `/` from these texts (see `readApiDescription`). */
  apiDescription?: ApiDescription;
  /** Origins allowed to call the admin routes and test controls from a browser (default none). */
  adminCorsOrigins?: string[];
  /** USD a new owner account gets by billing plan; default `{ free: 1 }`. */
  initialCredits?: InitialCredits;
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
  /** Things worth telling the operator at start (e.g. a data folder other users can read), one line each. */
  warnings: string[];
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
  const opened = options.store ? { store: options.store, warnings: [], release: () => undefined } : openStore(options);
  const store = opened.store;
  const closeStore = () => {
    app.engine.flush?.();
    if (ownsStore) {
      store.close();
      opened.release();
    }
  };
  const app = createApp({
    store,
    hasher: nodeHmacHasher,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.adminToken !== undefined ? { adminToken: options.adminToken } : {}),
    // The client address comes from `env.incoming.socket` (createApp's default).
    logger: options.quiet ? silentLogger : console,
    testKit: options.testKit ?? false,
    testControls: options.testControls ?? false,
    ...(options.adminCorsOrigins ? { adminCorsOrigins: options.adminCorsOrigins } : {}),
    ...(options.initialCredits ? { initialCredits: options.initialCredits } : {}),
    ...(options.registration ? { registration: options.registration } : {}),
  });

  // Each mail the server would send is one line on the request log (recipient and subject only).
  const requestLog = options.requestLog;
  const stopMailLog = requestLog ? app.outbox.subscribe((mail) => requestLog.write(formatMailLine(mail, requestLog.format))) : () => undefined;

  let server: ReturnType<typeof serve>;
  try {
    server = await listen(app, options.port ?? 8787, host, options);
  } catch (error) {
    stopMailLog();
    closeStore();
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
        stopMailLog();
        closeStore();
        resolve();
      });
      closeIdle(server);
    }));

  return { url: `http://${urlHost}:${port}`, port, host, adminToken: app.adminToken, app, store, warnings: opened.warnings, close };
}

/** The store a server owns: memory, or its data file (private modes, owner lock, readiness guard). */
function openStore(options: StartServerOptions): { store: Store; warnings: string[]; release: () => void } {
  if (options.memory || !options.dataFile) return { store: new MemoryStore(), warnings: [], release: () => undefined };
  const filename = options.dataFile;
  const warnings = prepareDataFile(filename);
  const lock = acquireOwnerLock(filename);
  try {
    const store = guardStore(new SqliteStore({ filename }));
    makeDataFilesPrivate(filename);
    return { store, warnings, release: lock.release };
  } catch (error) {
    lock.release();
    throw error;
  }
}

function listen(app: HokusaiAuthApp, port: number, hostname: string, extras: StartServerOptions): Promise<ReturnType<typeof serve>> {
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        fetch: (request, env) => answerOrDrop(app, request, env),
        port,
        hostname,
        // @hono/node-server's listener, with the app's fast transport in front, behind the
        // Host check of a loopback bind.
        createServer: ((serverOptions: ServerOptions, listener: RequestListener) =>
          createServer(serverOptions, withExtras(hostname, withFastTransport(app, listener), extras))) as typeof createServer,
      },
      () => {
        server.off('error', reject);
        resolve(server);
      },
    );
    server.once('error', reject);
  });
}

/** The API description's pages in front of the app, the Host check of a loopback bind in front of both, and the request log around everything. */
function withExtras(hostname: string, listener: RequestListener, extras: StartServerOptions): RequestListener {
  const described = extras.apiDescription ? withApiDescription(listener, extras.apiDescription) : listener;
  const checked = withHostCheck(hostname, described);
  return extras.requestLog ? withRequestLog(checked, extras.requestLog) : checked;
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
