import type { FetchLike, ResolvedConfig } from './config';
import { checkNumber } from './config';
import { APIConnectionError } from './errors/api-connection-error';
import { APITimeoutError } from './errors/api-timeout-error';
import { APIUserAbortError } from './errors/api-user-abort-error';
import { ConfigurationError } from './errors/configuration-error';
import { errorFromResponse } from './errors/error-from-response';
import type { HokusaiAuthError } from './errors/hokusai-auth-error';
import { MissingAdminTokenError } from './errors/missing-admin-token-error';
import { newIdempotencyKey } from './idempotency-key';
import type { ClientInternals } from './internals';
import { redactCause } from './redact';
import type { IdempotentRequestOptions } from './request-options';
import { parseRetryAfterMs } from './retry/retry-after';
import { retryDelayMs } from './retry/retry-delay';
import { isRetryableStatus } from './retry/should-retry';
import { sleep } from './retry/sleep';

/** What one operation needs from the transport besides the HTTP call itself. */
export interface Operation {
  /** Public name, used in error messages: `keys.create`. */
  name: string;
  /** HTTP method: a POST or PATCH is retried only when `safe` or `idempotent`. */
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Sends `Authorization: Bearer <admin token>`; without a token the call fails before sending. */
  admin?: boolean;
  /** Sends an `Idempotency-Key` (the caller's or a fresh one), which makes a POST retryable. */
  idempotent?: boolean;
  /** A POST without side effects (validate): retried like a GET. */
  safe?: boolean;
  /** The API key or other secret (an access token, a claim token) this call carries, so it is masked wherever a response echoes it. */
  apiKey?: string;
  /** Headers this operation adds (e.g. the API key). */
  headers?: Record<string, string>;
  /** A status whose body is the answer rather than an error (validate's 401/429, ready's 503). */
  isAnswer?: (status: number, body: unknown) => boolean;
}

/** What one attempt receives: pass it straight into the openapi-fetch call. */
// A type alias, not an interface, so it fits openapi-fetch's `{ [key: string]: unknown }` init.
export type AttemptInit = {
  headers: Record<string, string>;
  fetch: FetchLike;
};

/** The shape of an openapi-fetch result. */
export interface AttemptResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** How an attempt that did not succeed ended. */
interface Failure<R> {
  error: HokusaiAuthError;
  retryable: boolean;
  retryAfterMs?: number;
  /** The result to hand back if this turns out to be the last attempt (an answer status). */
  answer?: R;
}

/**
 * Runs one call: headers and credentials, a timeout per attempt, retries with backoff, and the
 * translation of every failure into a typed, redacted error.
 */
export class Transport {
  readonly #config: ResolvedConfig;
  readonly #internals: Required<ClientInternals>;

  constructor(config: ResolvedConfig, internals: ClientInternals = {}) {
    this.#config = config;
    this.#internals = { now: Date.now, sleep, random: Math.random, newIdempotencyKey, ...internals };
  }

  /**
   * Calls `attempt` until it succeeds, gives an answer, or fails for good. Returns the final
   * openapi-fetch result (a 2xx, or an `isAnswer` status); throws a `HokusaiAuthError` otherwise.
   */
  async run<R extends AttemptResult>(
    op: Operation,
    options: IdempotentRequestOptions = {},
    attempt: (init: AttemptInit) => Promise<R>,
  ): Promise<R> {
    const config = this.#config;
    const { signal } = options;
    const maxRetries = checkNumber('maxRetries', options.maxRetries) ?? config.maxRetries;
    const timeoutMs = checkNumber('timeoutMs', options.timeoutMs, 1) ?? config.timeoutMs;
    const maxRetryDelayMs = checkNumber('maxRetryDelayMs', options.maxRetryDelayMs) ?? config.maxRetryDelayMs;
    if (op.admin && !config.adminToken) throw new MissingAdminTokenError(op.name);
    const headers: Record<string, string> = {
      ...config.headers,
      ...(op.admin && { Authorization: `Bearer ${config.adminToken}` }),
      // One key per call, reused by every attempt: that is what makes retrying a POST safe.
      ...(op.idempotent && { 'Idempotency-Key': options.idempotencyKey || this.#internals.newIdempotencyKey() }),
      ...op.headers,
      ...options.headers,
    };
    const secrets = [config.adminToken, op.apiKey];
    const aborted = () =>
      new APIUserAbortError(`${op.name} was aborted`, { cause: redactCause(signal!.reason, secrets) });

    for (let retriesSoFar = 0; ; retriesSoFar++) {
      if (signal?.aborted) throw aborted();
      const outcome = await this.#attempt(op, headers, timeoutMs, options, secrets, aborted, attempt);
      // Only a Failure has `retryable`; anything else is the openapi-fetch result of a success.
      if (!('retryable' in outcome)) return outcome;
      const delay =
        (op.method === 'GET' || op.method === 'DELETE' || op.safe || op.idempotent) && outcome.retryable && retriesSoFar < maxRetries
          ? retryDelayMs(retriesSoFar, outcome.retryAfterMs, maxRetryDelayMs, this.#internals.random())
          : undefined;
      if (delay === undefined) {
        if (outcome.answer) return outcome.answer;
        throw outcome.error;
      }
      await this.#internals.sleep(delay, signal).catch((error: unknown) => {
        throw signal?.aborted ? aborted() : error;
      });
    }
  }

  /**
   * `run` for an operation whose 2xx body is the result: resolves to that body, or to the body
   * of a status `op.isAnswer` accepts (validate's 401, ready's 503, a debit's 402).
   */
  async data<R extends AttemptResult>(
    op: Operation,
    options: IdempotentRequestOptions | undefined,
    attempt: (init: AttemptInit) => Promise<R>,
  ): Promise<NonNullable<R['data']>> {
    const { data, error } = await this.run(op, options, attempt);
    return (data ?? error) as NonNullable<R['data']>;
  }

  async #attempt<R extends AttemptResult>(
    op: Operation,
    headers: Record<string, string>,
    timeoutMs: number,
    { signal, onResponse }: IdempotentRequestOptions,
    secrets: (string | undefined)[],
    aborted: () => APIUserAbortError,
    attempt: (init: AttemptInit) => Promise<R>,
  ): Promise<R | Failure<R>> {
    // `stop` ends the attempt from outside (timeout or the caller's abort) even when a custom
    // fetch ignores its signal; `controller` tells a fetch that listens.
    const controller = new AbortController();
    let stop!: (reason?: unknown) => void;
    const stopped = new Promise<never>((_, reject) => (stop = reject));
    const abort = (reason?: unknown) => {
      controller.abort(reason);
      stop(reason);
    };
    let timedOut = false;
    // Beyond 2^31 - 1 ms setTimeout would fire at once; so long a limit means none.
    const timer =
      timeoutMs < 2 ** 31
        ? setTimeout(() => {
            timedOut = true;
            abort();
          }, timeoutMs)
        : undefined;
    const forwardAbort = () => abort(signal?.reason);
    signal?.addEventListener('abort', forwardAbort);
    let response: Response | undefined;
    let sent = false;
    // The signal goes to fetch, not into the Request openapi-fetch builds: a Request that follows
    // a signal costs tens of microseconds, which only a real network call can hide.
    const fetch: FetchLike = async (request) => {
      const pending = this.#config.fetch(request, { signal: controller.signal });
      sent = true; // a fetch that throws at once (not a function, bad input) is a setup problem
      response = await pending;
      onResponse?.(response);
      return response;
    };
    // A 2xx we cannot use: the message is the "body" of an otherwise normal error.
    const badResponse = (message: string, { status, headers }: Response) =>
      errorFromResponse({ status, headers, body: message, secrets });

    try {
      const result = await Promise.race([attempt({ headers, fetch }), stopped]);
      const { status, statusText, headers: responseHeaders, ok } = result.response;
      if (ok) {
        return result.data === undefined ? { error: badResponse('Empty response body', result.response), retryable: false } : result;
      }
      const answer = op.isAnswer?.(status, result.error) ? result : undefined;
      // An answer is final (ready's 503 is the state now) except a rate-limited one (validate's 429),
      // which is retried first; run() returns it once retrying is over.
      const retryable = isRetryableStatus(status) && (!answer || status === 429);
      const now = this.#internals.now();
      return {
        error: errorFromResponse({ status, statusText, headers: responseHeaders, body: result.error, secrets, now }),
        retryable,
        retryAfterMs: parseRetryAfterMs(responseHeaders, now),
        answer,
      };
    } catch (error) {
      if (signal?.aborted) throw aborted();
      if (timedOut) return { error: new APITimeoutError(`${op.name} timed out after ${timeoutMs} ms`), retryable: true };
      const cause = redactCause(error, secrets);
      if (!sent) {
        // Building the request failed (e.g. a header value with a line break): not worth retrying.
        throw new ConfigurationError(`${op.name}: the request could not be built (${cause.message.replace(/\s+/g, ' ')})`, { cause });
      }
      if (response && error instanceof SyntaxError) {
        const type = response.headers.get('content-type');
        return { error: badResponse(`Response body is not valid JSON (content-type: ${type})`, response), retryable: false };
      }
      // The base URL has no credentials (checked by resolveConfig), so it is safe to show.
      return {
        error: new APIConnectionError(`Connection error: could not reach ${this.#config.baseUrl} (${cause.code ?? cause.message})`, { cause }),
        retryable: true,
      };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', forwardAbort);
    }
  }
}
