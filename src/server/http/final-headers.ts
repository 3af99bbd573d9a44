import { addSecurityHeaders } from '../middleware/security-headers';
import type { createCors } from '../middleware/cors';
import { addNoStore } from '../middleware/no-store';
import { resolveRequestId } from '../middleware/request-id';
import type { ReplyParts } from './responses';

/**
 * Adds what every answer carries, whatever produced it and whichever transport writes it: the
 * security headers, `X-Request-ID` (the caller's when sane, else a new one), `Cache-Control:
 * no-store` unless the answer chose its caching, and CORS (by the path's policy). The parts are
 * changed in place: every answer's parts are made for its request alone.
 */
export type FinishReply = (
  parts: ReplyParts,
  requestIdHeader: string | null | undefined,
  origin: string | null | undefined,
  path: string,
) => ReplyParts;

/**
 * The final pass of an app, with its CORS policy.
 *
 * @example
 * const finish = finalHeaders(createCors('*'));
 * finish(json({ ok: true }), null, null, '/health').headers['x-frame-options']; // 'DENY'
 */
export function finalHeaders(cors: ReturnType<typeof createCors>): FinishReply {
  return (parts, requestIdHeader, origin, path) => {
    addSecurityHeaders(parts.headers);
    parts.headers['x-request-id'] = resolveRequestId(requestIdHeader ?? null);
    addNoStore(parts.headers);
    cors.apply(parts.headers, origin ?? null, path);
    return parts;
  };
}
