import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { MiddlewareHandler } from 'hono';
import { problem } from '../http/responses';

const CHALLENGE = { 'WWW-Authenticate': 'Bearer' };

/**
 * Requires `Authorization: Bearer <admin token>`. No or garbled header → 401 "Not
 * authenticated"; a wrong token → 401 "Invalid authentication credentials". The comparison
 * runs over SHA-256 digests in constant time, so neither content nor length leaks by timing.
 */
export function adminAuth(adminToken: string): MiddlewareHandler {
  const expected = sha256(utf8ToBytes(adminToken));
  return async (c, next) => {
    const header = c.req.header('Authorization');
    const match = header === undefined ? null : /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header.trim());
    if (!match?.[1]) return problem(401, 'Not authenticated', undefined, CHALLENGE);
    if (!constantTimeEqual(sha256(utf8ToBytes(match[1])), expected)) {
      return problem(401, 'Invalid authentication credentials', undefined, CHALLENGE);
    }
    await next();
  };
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}
