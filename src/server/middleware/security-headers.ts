import type { HeaderRecord } from '../http/responses';

/**
 * The security headers of the public service, set on every response (errors, 404, 405 and
 * 413 included). The API serves only JSON, so the content policy forbids everything.
 *
 * @example
 * SECURITY_HEADERS['X-Frame-Options']; // 'DENY'
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Strict-Transport-Security': 'max-age=31536000',
  'X-XSS-Protection': '1; mode=block',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
});

// Lower-case, as a Headers object would list them; computed once.
const SECURITY_ENTRIES: readonly (readonly [string, string])[] = Object.entries(SECURITY_HEADERS).map(
  ([name, value]) => [name.toLowerCase(), value] as const,
);

/**
 * Sets every security header on a plain header record (lower-case names).
 *
 * @example
 * const headers: HeaderRecord = { 'content-type': 'application/json' };
 * addSecurityHeaders(headers); // headers['x-frame-options'] === 'DENY'
 */
export function addSecurityHeaders(headers: HeaderRecord): void {
  // A page of its own (the registration form) brings its own, narrower-than-nothing policy.
  const pagePolicy = headers[CSP];
  for (const [name, value] of SECURITY_ENTRIES) headers[name] = value;
  if (pagePolicy !== undefined) headers[CSP] = pagePolicy;
}

const CSP = 'content-security-policy';
