import type { FieldError } from '../engine/errors';
import type { RateLimitState } from '../engine/types';

/** Every error body: `{detail}`, plus `errors` naming each bad field for invalid input. */
export interface ErrorBody {
  detail: string;
  errors?: FieldError[];
}

/** A JSON response with the given status and extra headers. */
export function json(body: unknown, status = 200, headers?: HeadersInit): Response {
  const response = new Response(JSON.stringify(body), { status, headers });
  response.headers.set('Content-Type', 'application/json');
  return response;
}

/** An error response: `{detail, errors?}`. */
export function problem(status: number, detail: string, errors?: FieldError[], headers?: HeadersInit): Response {
  const body: ErrorBody = errors && errors.length > 0 ? { detail, errors } : { detail };
  return json(body, status, headers);
}

/** Adds the `X-RateLimit-*` headers (and `Retry-After` when the limit is used up). */
export function setRateLimitHeaders(headers: Headers, state: RateLimitState | undefined): void {
  if (!state) return;
  headers.set('X-RateLimit-Limit', String(state.limit));
  headers.set('X-RateLimit-Remaining', String(state.remaining));
  headers.set('X-RateLimit-Reset', String(state.reset));
  if (state.retryAfter !== undefined) headers.set('Retry-After', String(state.retryAfter));
}
