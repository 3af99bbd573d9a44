import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { problem, toResponse } from '../http/responses';

/**
 * 413 for a POST body over `maxBytes`. A declared `Content-Length` is checked from the header
 * alone (Node's parser holds the body to it), which keeps the request on @hono/node-server's
 * fast path; a body without one (chunked) is counted as it streams in by `hono/body-limit`.
 * Only POST routes read a body; one sent with GET or DELETE is ignored, not measured.
 *
 * @example
 * hono.use('*', limitPostBody(64 * 1024));
 */
export function limitPostBody(maxBytes: number): MiddlewareHandler {
  const tooLarge = () => toResponse(problem(413, 'Request body too large'));
  const streamed = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const declared = c.req.header('Content-Length');
    if (declared === undefined || c.req.header('Transfer-Encoding') !== undefined) return streamed(c, next);
    if (Number(declared) > maxBytes) return tooLarge();
    return next();
  };
}
