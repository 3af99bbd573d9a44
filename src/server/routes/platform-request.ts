import type { AuthenticatedUser, RequestOrigin } from '../platform';
import type { IncomingRequest } from '../boundary/parse';
import type { RouteContext } from './route';

/**
 * Where the caller addressed the server (its `Host`), for the SIWE domain and mail links.
 * The stub serves plain HTTP; a Host that is missing or not a host name reads `localhost`.
 *
 * @example
 * originOf(request); // { host: '127.0.0.1:8787', origin: 'http://127.0.0.1:8787' }
 */
export function originOf(request: IncomingRequest): RequestOrigin {
  const given = request.header('host') ?? '';
  const host = /^[A-Za-z0-9.\-[\]:]{1,255}$/.test(given) ? given : 'localhost';
  return { host, origin: `http://${host}` };
}

/**
 * The caller of an organization route, from its `Authorization: Bearer <jwt>` (401 otherwise).
 *
 * @example
 * const user = await callerOf(context);
 */
export function callerOf(context: RouteContext): Promise<AuthenticatedUser> {
  return context.engine.platform.authenticate(context.request.header('authorization'));
}
