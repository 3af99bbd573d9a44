/**
 * Statuses worth another attempt: 408 (request timeout), 409 (e.g. an idempotent request still
 * in flight), 429 (rate limited) and every 5xx. Never 400/401/403/404/413/422: the same request
 * would fail the same way.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}
