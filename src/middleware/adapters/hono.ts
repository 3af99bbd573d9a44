import type { Context, MiddlewareHandler, Next } from 'hono';
import type { KeyGuard } from '../guard';
import { isPromise } from '../maybe-promise';
import type { GuardOutcome, HokusaiKey } from '../types';
import { reportedUsage } from '../usage-fields';
import { remoteAddressOf, type AddressedSocket } from './socket-address';

/**
 * The context variables `honoKeyGuard` sets: `c.get('hokusaiKey')`.
 *
 * @example
 * const app = new Hono<{ Variables: HokusaiKeyVariables }>();
 */
export type HokusaiKeyVariables = { hokusaiKey: HokusaiKey };

/**
 * Options of `honoKeyGuard`.
 *
 * @example
 * import { getConnInfo } from 'hono/bun';
 * const options: HonoGuardOptions = { clientAddress: (c) => getConnInfo(c).remote.address };
 */
export interface HonoGuardOptions {
  /** The connection's address. Default: the Node socket's under `@hono/node-server`, else none. */
  clientAddress?: (c: Context) => string | null | undefined;
}

/**
 * Hono middleware: refuses requests without a valid key, else sets `c.get('hokusaiKey')`.
 *
 * @example
 * import { Hono } from 'hono';
 * const app = new Hono<{ Variables: HokusaiKeyVariables }>();
 * app.use('/v1/*', honoKeyGuard(guard));
 * app.get('/v1/predict', (c) => c.json({ key_id: c.get('hokusaiKey').key_id }));
 */
export function honoKeyGuard(guard: KeyGuard, { clientAddress = nodeSocketAddress }: HonoGuardOptions = {}): MiddlewareHandler<{ Variables: HokusaiKeyVariables }> {
  return (c, next) => {
    const started = guard.recordsUsage ? performance.now() : 0;
    // Under @hono/node-server, Node's own header record: reading it costs nothing, while
    // `c.req.raw.headers` builds a Fetch Headers object for the request.
    const headers = nodeIncoming(c)?.headers ?? c.req.raw.headers;
    const outcome = guard.checkNow({ headers, remoteAddress: clientAddress(c), path: c.req.path });
    // A cache hit is answered synchronously: go on without waiting a turn.
    return isPromise(outcome) ? outcome.then((ready) => proceed(ready, c, next, started)) : proceed(outcome, c, next, started);
  };

  function proceed(outcome: GuardOutcome, c: Context<{ Variables: HokusaiKeyVariables }>, next: Next, started: number): Promise<Response | void> {
    if (!outcome.ok) return Promise.resolve(Response.json(outcome.body, { status: outcome.status, headers: outcome.headers }));
    c.set('hokusaiKey', outcome.key);
    if (!guard.recordsUsage) return next();
    return next().then(() => {
      guard.recordUsage(outcome.key, { endpoint: c.req.path, status_code: c.res.status, response_time_ms: Math.round(performance.now() - started), ...reportedUsage(c) });
    });
  }
}

/** `@hono/node-server` puts the Node request on `c.env.incoming`. */
function nodeIncoming(c: Context): { headers?: Record<string, string | string[] | undefined>; socket?: AddressedSocket } | undefined {
  return (c.env as { incoming?: ReturnType<typeof nodeIncoming> } | undefined)?.incoming;
}

function nodeSocketAddress(c: Context): string | undefined {
  return remoteAddressOf(nodeIncoming(c)?.socket);
}
