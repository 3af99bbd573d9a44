import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { HeaderRecord } from '../http/responses';
import { isAdminPath } from './admin-paths';

/** Response headers a browser caller may read. */
export const EXPOSED_HEADERS = [
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'Retry-After',
  'X-Request-ID',
  'Idempotent-Replayed',
];
/** Request headers a browser caller may send. */
export const ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'X-API-Key', 'Idempotency-Key', 'X-Request-ID', 'Prefer'];
const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * CORS for browser callers, split in two on purpose: preflights (OPTIONS) go through
 * `hono/cors`; every other answer gets its headers in the final pass over its parts.
 *
 * The admin surface (`isAdminPath`) answers CORS only for `adminOrigins` (none by default): with
 * a known admin token, any web page could otherwise drive the admin API from a browser.
 *
 * @example
 * const corsPolicy = createCors('*', ['http://localhost:5173']);
 * hono.use('*', corsPolicy.preflight);
 * corsPolicy.apply(parts.headers, request.headers.get('Origin'), '/api/v1/keys');
 */
export function createCors(origin: string | string[] = '*', adminOrigins: readonly string[] = []) {
  const publicPolicy = originPolicy(origin);
  const adminPolicy = originPolicy(adminOrigins.includes('*') ? '*' : [...adminOrigins]);
  const policyFor = (path: string) => (isAdminPath(path) ? adminPolicy : publicPolicy);
  const preflightOnly = cors({
    origin: (requestOrigin, c) => policyFor(c.req.path).allow(requestOrigin),
    allowMethods: ALLOWED_METHODS,
    allowHeaders: ALLOWED_HEADERS,
    exposeHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
  const preflight: MiddlewareHandler = (c, next) => (c.req.method === 'OPTIONS' ? preflightOnly(c, next) : next());
  const exposed = EXPOSED_HEADERS.join(',');

  /** Adds the CORS headers of a non-preflight answer (lower-case names); preflight answers already have theirs. */
  function apply(headers: HeaderRecord, requestOrigin: string | null, path: string): void {
    if (headers['access-control-allow-origin'] !== undefined) return;
    const policy = policyFor(path);
    if (policy.varies) headers.vary = headers.vary === undefined ? 'Origin' : `${headers.vary}, Origin`;
    const allowOrigin = policy.allow(requestOrigin);
    if (allowOrigin === null) return;
    headers['access-control-allow-origin'] = allowOrigin;
    headers['access-control-expose-headers'] = exposed;
  }
  return { preflight, apply };
}

/** Which origins one set of routes answers: `*` (any, the same answer for all) or a list (echoed, so the answer varies). */
function originPolicy(origin: string | string[]): { varies: boolean; allow(requestOrigin: string | null): string | null } {
  if (!Array.isArray(origin)) return { varies: false, allow: () => origin };
  const allowed = new Set(origin);
  return { varies: true, allow: (requestOrigin) => (requestOrigin !== null && allowed.has(requestOrigin) ? requestOrigin : null) };
}
