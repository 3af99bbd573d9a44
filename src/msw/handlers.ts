import { http, HttpResponse } from 'msw';
// The SDK's default, so `new HokusaiAuth()` is intercepted without configuration.
import { DEFAULT_BASE_URL } from '../client/config';
import type { HttpHandler } from 'msw';
import { createApp } from '../server/app';
import type { HokusaiAuthApp } from '../server/app';
import type { Clock } from '../server/clock';
import type { Engine } from '../server/engine';
import type { Store } from '../server/store/types';
import type { TestControls } from '../server/test-controls/controls';
import { isDroppedConnection } from '../server/test-controls/dropped-connection';


/**
 * Options of `createHokusaiHandlers`. Everything is optional.
 *
 * @example
 * const options: HokusaiHandlersOptions = { baseUrl: 'http://localhost:8787', adminToken: 'test-admin-token' };
 */
export interface HokusaiHandlersOptions {
  /** Requests under this URL go to the stub; default `https://auth.hokus.ai` (the SDK's default). May have a path (`http://localhost:3000/auth`). */
  baseUrl?: string;
  /** Default: 64 random hex characters, returned as `adminToken`. */
  adminToken?: string;
  /** Default: a new `MemoryStore` (runs in browsers). */
  store?: Store;
  /** Default: the system clock; `controls.clock` moves it either way. */
  clock?: Clock;
  /** The caller's address as the stub sees it (for `allowed_ips`); default `127.0.0.1`. */
  clientIp?: string | ((request: Request) => string | undefined);
  /** Serve an existing stub app, made with `testKit: true`, instead of a new one (then `adminToken`, `store` and `clock` are its own). */
  app?: HokusaiAuthApp;
}

/**
 * The msw side of the stub: handlers plus the app they route into.
 *
 * @example
 * const { handlers, controls, adminToken } = createHokusaiHandlers();
 * const server = setupServer(...handlers);
 */
export interface HokusaiHandlers {
  /** Give these to `setupServer(...)` (Node) or `setupWorker(...)` (browser). */
  handlers: HttpHandler[];
  /** The stub app every intercepted request is answered by. */
  app: HokusaiAuthApp;
  /** Its engine: keys, validation, usage, without HTTP. */
  engine: Engine;
  /** Move the clock, seed keys, make calls fail, reset. */
  controls: TestControls;
  adminToken: string;
  /** The base URL intercepted, without a trailing slash. */
  baseUrl: string;
}

/**
 * msw request handlers that answer every request under `baseUrl` with the stateful stub server
 * (the same engine as `npm start`): a key created through them validates through them, a
 * revocation applies to the next call. Works with `setupServer` (msw/node) and `setupWorker`
 * (msw/browser). A `failNext({ drop: true })` becomes a network error (`HttpResponse.error()`).
 *
 * @example
 * import { setupServer } from 'msw/node';
 * import { HokusaiAuth } from '@hokusai/auth';
 * import { createHokusaiHandlers } from '@hokusai/auth/msw';
 *
 * const hokusai = createHokusaiHandlers();
 * const server = setupServer(...hokusai.handlers);
 * server.listen();
 * const auth = new HokusaiAuth({ adminToken: hokusai.adminToken });
 * const { api_key } = await auth.keys.create({ name: 'test', service_id: 'prediction' });
 * (await auth.validate(api_key)).is_valid; // true
 */
export function createHokusaiHandlers(options: HokusaiHandlersOptions = {}): HokusaiHandlers {
  const base = parseBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const app =
    options.app ??
    createApp({
      testKit: true,
      ...(options.adminToken !== undefined ? { adminToken: options.adminToken } : {}),
      ...(options.store ? { store: options.store } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      // The handlers answer inside the caller's own page or process: nothing to protect from other origins.
      adminCorsOrigins: ['*'],
    });
  if (!app.controls) throw new TypeError('createHokusaiHandlers needs an app made with createApp({ testKit: true })');
  const controls = app.controls;
  const clientIp = options.clientIp ?? '127.0.0.1';
  const ipOf = typeof clientIp === 'function' ? clientIp : () => clientIp;

  const handler = http.all(underBase(base), async ({ request }) => {
    try {
      return await app.fetch(await withoutBasePath(request, base.pathname), { clientIp: ipOf(request) });
    } catch (error) {
      if (isDroppedConnection(error)) return HttpResponse.error();
      throw error;
    }
  });

  return {
    handlers: [handler],
    app,
    engine: app.engine,
    controls,
    adminToken: app.adminToken,
    baseUrl: `${base.origin}${base.pathname}`,
  };
}

function parseBaseUrl(baseUrl: string): { origin: string; pathname: string } {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError('baseUrl must be an absolute http(s) URL, e.g. https://auth.hokus.ai');
  }
  if (!/^https?:$/.test(url.protocol) || url.search || url.hash || url.username || url.password) {
    throw new TypeError('baseUrl must be an absolute http(s) URL without query, fragment or credentials');
  }
  return { origin: url.origin, pathname: url.pathname.replace(/\/+$/, '') };
}

/** The base itself and everything below it (msw matches this against the URL without query). */
function underBase(base: { origin: string; pathname: string }): RegExp {
  const escaped = `${base.origin}${base.pathname}`.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`^${escaped}(?:/.*)?$`);
}

/** The request as the stub sees it: a base path such as `/auth` taken off. */
async function withoutBasePath(request: Request, basePath: string): Promise<Request> {
  if (basePath === '') return request;
  const url = new URL(request.url);
  url.pathname = url.pathname.slice(basePath.length) || '/';
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  return new Request(url, {
    method: request.method,
    headers: request.headers,
    ...(hasBody ? { body: await request.arrayBuffer() } : {}),
    signal: request.signal,
  });
}
