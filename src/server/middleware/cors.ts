import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { HeaderRecord } from '../http/responses';

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
const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'DELETE', 'OPTIONS'];

/**
 * CORS for browser callers, split in two on purpose: preflights (OPTIONS) go through
 * `hono/cors`; every other response gets its two headers in the final pass over the response.
 * Setting headers before the handler runs would make Hono rebuild each response, which takes
 * @hono/node-server off its fast path (several times the CPU per request).
 *
 * @example
 * const corsPolicy = createCors('*');
 * hono.use('*', corsPolicy.preflight);
 * corsPolicy.apply(response.headers, request.headers.get('Origin'));
 */
export function createCors(origin: string | string[] = '*') {
  const allowed = Array.isArray(origin) ? new Set(origin) : undefined;
  const preflightOnly = cors({ origin, allowMethods: ALLOWED_METHODS, allowHeaders: ALLOWED_HEADERS, exposeHeaders: EXPOSED_HEADERS, maxAge: 600 });
  const preflight: MiddlewareHandler = (c, next) => (c.req.method === 'OPTIONS' ? preflightOnly(c, next) : next());
  const exposed = EXPOSED_HEADERS.join(',');

  /** Adds the CORS headers of a non-preflight answer; preflight answers already have theirs. */
  function apply(headers: Headers, requestOrigin: string | null): void {
    if (headers.has('Access-Control-Allow-Origin')) return;
    if (!allowed) {
      headers.set('Access-Control-Allow-Origin', origin as string);
    } else {
      headers.append('Vary', 'Origin');
      if (!requestOrigin || !allowed.has(requestOrigin)) return;
      headers.set('Access-Control-Allow-Origin', requestOrigin);
    }
    headers.set('Access-Control-Expose-Headers', exposed);
  }

  /** `apply` for a plain header record with lower-case names (same headers, same values). */
  function applyToRecord(headers: HeaderRecord, requestOrigin: string | null): void {
    if (headers['access-control-allow-origin'] !== undefined) return;
    if (!allowed) {
      headers['access-control-allow-origin'] = origin as string;
    } else {
      const vary = headers.vary;
      headers.vary = vary === undefined ? 'Origin' : `${vary}, Origin`;
      if (!requestOrigin || !allowed.has(requestOrigin)) return;
      headers['access-control-allow-origin'] = requestOrigin;
    }
    headers['access-control-expose-headers'] = exposed;
  }
  return { preflight, apply, applyToRecord };
}
