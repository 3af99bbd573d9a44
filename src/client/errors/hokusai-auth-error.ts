import type { FieldError } from './field-error';
import { redactHeaders, redactText } from '../redact';

/**
 * What an error of this package is built from. Everything is redacted on the way in.
 *
 * @example
 * const init: HokusaiAuthErrorInit = { status: 404, detail: 'API key not found', headers: response.headers, secrets: [apiKey] };
 * throw new NotFoundError('404 API key not found', init);
 */
export interface HokusaiAuthErrorInit {
  /** HTTP status of the response, when there was one. */
  status?: number;
  /** The server's `detail` text, when it sent one. */
  detail?: string;
  /** Per-field problems of a 400/422 body. */
  errors?: FieldError[];
  /** Response headers (never the request's); `X-Request-ID` becomes `requestId`. */
  headers?: Headers;
  /** Values to mask wherever they appear (the call's API key and admin token). */
  secrets?: readonly (string | undefined)[];
  /** The underlying error (already redacted), e.g. the network failure. */
  cause?: unknown;
}

/**
 * Base class of every error thrown by `HokusaiAuth`. Catch it to handle any failure of a call;
 * check a subclass (`NotFoundError`, `RateLimitError`, ...) to act on one kind.
 *
 * Nothing on it holds an API key or the admin token: messages and fields are scrubbed of the
 * call's secrets and of anything shaped like an API key, the request and its headers are never
 * kept, and `toJSON` / `util.inspect` show only the fields below.
 *
 * @example
 * try {
 *   await auth.keys.get(keyId);
 * } catch (error) {
 *   if (error instanceof HokusaiAuthError) console.error(error.status, error.detail, error.requestId);
 *   else throw error;
 * }
 */
export class HokusaiAuthError extends Error {
  override readonly name: string = 'HokusaiAuthError';
  // `declare`: assigned in the constructor, so no field initialisers are emitted.
  /** HTTP status, or `undefined` when no response arrived (network error, timeout, abort, config). */
  declare readonly status: number | undefined;
  /** The server's `detail` message, if any. */
  declare readonly detail: string | undefined;
  /** Field-level problems the server listed (`[]` when none). */
  declare readonly errors: FieldError[];
  /** `X-Request-ID` of the failed response, if any: quote it when reporting a problem. */
  declare readonly requestId: string | undefined;
  /** Response headers, lower-case names, values redacted (empty when there was no response). */
  declare readonly headers: Record<string, string>;

  constructor(message: string, init: HokusaiAuthErrorInit = {}) {
    const { status, detail, errors = [], headers, secrets = [], cause } = init;
    super(redactText(message, secrets), cause === undefined ? undefined : { cause });
    this.status = status;
    this.detail = detail === undefined ? undefined : redactText(detail, secrets);
    this.errors = errors.map((e) => ({ field: e.field, message: redactText(e.message, secrets) }));
    this.requestId = headers?.get('x-request-id') ?? undefined;
    this.headers = headers ? redactHeaders(headers, secrets) : {};
  }

  /**
   * The safe, serialisable form of the error (what `JSON.stringify(error)` prints).
   *
   * @example
   * logger.error({ err: error.toJSON() });
   */
  toJSON(): Record<string, unknown> {
    // The own fields (name, status, detail, errors, requestId, headers and a subclass's extras)
    // plus message and cause, which Error keeps non-enumerable. Never the stack.
    return { ...(this as object), message: this.message, cause: this.cause && String(this.cause) };
  }
}
