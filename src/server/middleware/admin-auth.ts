import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { problem } from '../http/responses';
import type { ReplyParts } from '../http/responses';
import type { FailedAttemptThrottle } from './admin-throttle';

const CHALLENGE = { 'WWW-Authenticate': 'Bearer' };

/**
 * Checks `Authorization: Bearer <admin token>`: returns the answer to give instead of the
 * route's, or undefined when the token is right. No or garbled header → 401 "Not
 * authenticated"; a wrong token → 401 "Invalid authentication credentials". The comparison runs
 * over SHA-256 digests in constant time, so neither content nor length leaks by timing. With
 * `attempts`, a client past its failed attempts of the minute gets 429 + `Retry-After`.
 *
 * @example
 * const denied = adminAuth('secret', attempts)(request.header('authorization'), request.connectionIp);
 * if (denied) return denied;
 */
export function adminAuth(
  adminToken: string,
  attempts?: FailedAttemptThrottle,
): (authorization: string | undefined, client: string | null) => ReplyParts | undefined {
  const expected = sha256(utf8ToBytes(adminToken));
  return (header, clientIp) => {
    const client = clientIp ?? 'unknown';
    const wait = attempts ? attempts.retryAfter(client) : 0;
    if (wait > 0) return problem(429, 'Too many failed admin attempts; retry later', undefined, { 'Retry-After': String(wait) });
    const match = header === undefined ? null : /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header.trim());
    if (!match?.[1]) return problem(401, 'Not authenticated', undefined, CHALLENGE);
    if (!constantTimeEqual(sha256(utf8ToBytes(match[1])), expected)) {
      attempts?.fail(client);
      return problem(401, 'Invalid authentication credentials', undefined, CHALLENGE);
    }
    return undefined;
  };
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}
