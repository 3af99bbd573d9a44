import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { Context, MiddlewareHandler } from 'hono';
import { problem } from '../http/responses';
import type { FailedAttemptThrottle } from './admin-throttle';
import { markAdminCaller } from './caller';

const CHALLENGE = { 'WWW-Authenticate': 'Bearer' };

/**
 * Requires `Authorization: Bearer <admin token>`. No or garbled header → 401 "Not
 * authenticated"; a wrong token → 401 "Invalid authentication credentials". The comparison
 * runs over SHA-256 digests in constant time, so neither content nor length leaks by timing.
 * With a `throttle`, a client past its failed attempts of the minute gets 429 + `Retry-After`.
 */
export function adminAuth(
  adminToken: string,
  throttle?: { attempts: FailedAttemptThrottle; client(c: Context): string | undefined },
): MiddlewareHandler {
  const expected = sha256(utf8ToBytes(adminToken));
  return async (c, next) => {
    const client = throttle ? (throttle.client(c) ?? 'unknown') : '';
    const wait = throttle ? throttle.attempts.retryAfter(client) : 0;
    if (wait > 0) {
      return problem(429, 'Too many failed admin attempts; retry later', undefined, { 'Retry-After': String(wait) });
    }
    const header = c.req.header('Authorization');
    const match = header === undefined ? null : /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header.trim());
    if (!match?.[1]) return problem(401, 'Not authenticated', undefined, CHALLENGE);
    if (!constantTimeEqual(sha256(utf8ToBytes(match[1])), expected)) {
      throttle?.attempts.fail(client);
      return problem(401, 'Invalid authentication credentials', undefined, CHALLENGE);
    }
    markAdminCaller(c.req.raw);
    await next();
  };
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}
