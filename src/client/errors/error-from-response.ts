import { AuthenticationError } from './authentication-error';
import { BadRequestError } from './bad-request-error';
import { ConflictError } from './conflict-error';
import type { FieldError } from './field-error';
import { HokusaiAuthError } from './hokusai-auth-error';
import { InternalServerError } from './internal-server-error';
import { NotFoundError } from './not-found-error';
import { PayloadTooLargeError } from './payload-too-large-error';
import { PermissionDeniedError } from './permission-denied-error';
import { RateLimitError } from './rate-limit-error';
import { UnprocessableEntityError } from './unprocessable-entity-error';
import { parseRetryAfterMs } from '../retry/retry-after';
import { redactText } from '../redact';

/** A finished HTTP response that is not a success, as the transport saw it. */
export interface ErrorResponse {
  status: number;
  /** The reason phrase (`Bad Gateway`); empty over HTTP/2. */
  statusText?: string;
  headers: Headers;
  /** Parsed JSON, or the raw text when the body was not JSON, or `undefined` for no body. */
  body: unknown;
  /** Values to mask wherever they appear (the API key and admin token of this call). */
  secrets?: readonly (string | undefined)[];
  /** Epoch ms, to turn a `Retry-After` HTTP-date into a delay. */
  now?: number;
}

const SNIPPET_LENGTH = 160;
const BY_STATUS: Record<number, typeof HokusaiAuthError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  413: PayloadTooLargeError,
  422: UnprocessableEntityError,
};

/**
 * The one place a failed response becomes an error: the class follows the status, the fields
 * come from a JSON body (`detail`, `errors`, or a validate-style `error`), and a body that is not
 * JSON (an HTML page from a proxy) still gives a short readable snippet in the message.
 * Everything taken from the response is redacted.
 *
 * @example
 * const error = errorFromResponse({ status: 404, headers: response.headers, body: { detail: 'API key not found' } });
 * error instanceof NotFoundError; // true
 * error.message; // '404 API key not found'
 */
export function errorFromResponse(input: ErrorResponse): HokusaiAuthError {
  const { status, headers, secrets } = input;
  const { detail, errors, snippet } = readBody(input.body, secrets);
  const text = detail || snippet || input.statusText || 'error';
  // An HTML error page usually starts with its own status ("502 Bad Gateway"): do not say it twice.
  const message = text.startsWith(`${status} `) ? text : `${status} ${text}`;
  const init = { status, detail, errors, headers, secrets };
  if (status === 429) return new RateLimitError(message, init, parseRetryAfterMs(headers, input.now ?? Date.now()));
  const ErrorClass = BY_STATUS[status] ?? (status >= 500 ? InternalServerError : HokusaiAuthError);
  return new ErrorClass(message, init);
}

function readBody(body: unknown, secrets?: readonly (string | undefined)[]): { detail?: string; errors: FieldError[]; snippet?: string } {
  // Masked before cutting: a cut would leave part of a long secret that no longer matches it.
  const summarize = (text: string) => redactText(text, secrets).replace(/(<[^>]*>|\s)+/g, ' ').trim().slice(0, SNIPPET_LENGTH);
  if (typeof body !== 'object' || body === null) return { errors: [], snippet: typeof body === 'string' ? summarize(body) : undefined };
  // `detail` (+ `errors`) as the API sends them; `error` as a validation result carries it.
  const { detail, error, errors } = body as Record<string, unknown>;
  return {
    detail: typeof detail === 'string' ? detail : typeof error === 'string' ? error : undefined,
    errors: Array.isArray(errors)
      ? errors.filter((e): e is FieldError => typeof e?.field === 'string' && typeof e.message === 'string')
      : [],
    snippet: summarize(JSON.stringify(body)),
  };
}
