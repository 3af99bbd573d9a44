// The answers a guard refuses with: the auth service's texts, as JSON `{detail, error_code}`.
import type { ValidationFailure } from '../client/types';
import type { GuardErrorCode, GuardRejection, UseCount } from './types';

/** Refusals that mean "who are you?" (401) rather than "you may not, here" (403). */
const FORBIDDEN: ReadonlySet<GuardErrorCode> = new Set(['service_mismatch', 'insufficient_scope', 'ip_not_allowed']);

/**
 * A refusal with a JSON body; 401s carry `WWW-Authenticate: Bearer` (RFC 6750).
 *
 * @example
 * rejection(401, 'No API key provided', 'missing_key');
 */
export function rejection(status: number, detail: string, error_code: GuardErrorCode, headers: Record<string, string> = {}): GuardRejection {
  return {
    ok: false,
    status,
    headers: { ...(status === 401 && { 'WWW-Authenticate': 'Bearer' }), ...headers },
    body: { detail, error_code },
  };
}

/** No key in any of the three places. */
export const missingKey = (): GuardRejection => rejection(401, 'No API key provided', 'missing_key');

/** The auth service refused the key: 401, or 403 for a key that may not be used here. */
export function refused(failure: ValidationFailure): GuardRejection {
  return rejection(FORBIDDEN.has(failure.error_code) ? 403 : 401, failure.error, failure.error_code);
}

/** The key's hourly limit is used up: 429 with `Retry-After` and the `X-RateLimit-*` headers. */
export function rateLimited(count: UseCount, now: number): GuardRejection {
  return rejection(429, 'Rate limit exceeded', 'rate_limited', {
    'Retry-After': String(Math.max(1, count.reset - Math.floor(now / 1000))),
    ...rateLimitHeaders(count),
  });
}

/** The auth service's own 429, with the headers it sent. */
export function rateLimitedByService(headers: Record<string, string>): GuardRejection {
  return rejection(429, 'Rate limit exceeded', 'rate_limited', headers);
}

/** The auth service could not answer and no usable cached answer exists: fail closed. */
export function unavailable(retryAfterSeconds: number): GuardRejection {
  return rejection(503, 'Authentication service unavailable', 'auth_unavailable', { 'Retry-After': String(retryAfterSeconds) });
}

/** `X-RateLimit-Limit`, `-Remaining` and `-Reset` (epoch seconds), as the auth service sends them. */
export function rateLimitHeaders({ limit, remaining, reset }: Omit<UseCount, 'allowed'>): Record<string, string> {
  return { 'X-RateLimit-Limit': String(limit), 'X-RateLimit-Remaining': String(remaining), 'X-RateLimit-Reset': String(reset) };
}
