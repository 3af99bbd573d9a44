/**
 * Options for one call; each overrides the client's setting of the same name for that call.
 *
 * @example
 * const controller = new AbortController();
 * await auth.keys.list({ service_id: 'prediction' }, { signal: controller.signal, timeoutMs: 5_000, maxRetries: 0 });
 */
export interface RequestOptions {
  /** Aborts the call at once: the attempt in flight and any wait before the next one. */
  signal?: AbortSignal;
  /** Limit for each attempt, in ms. */
  timeoutMs?: number;
  /** Retries after the first attempt. */
  maxRetries?: number;
  /** Longest wait between attempts, in ms; a `Retry-After` above it is not waited for. */
  maxRetryDelayMs?: number;
  /** Extra headers for this call only; they win over every other header. */
  headers?: Record<string, string>;
  /** Sees each attempt's response before its body is read, e.g. for `X-RateLimit-*` or `Retry-After`. */
  onResponse?: (response: Response) => void;
}

/**
 * Options for a call that creates something (`keys.create`, `keys.rotate`, `usage.record`).
 * The client sends an `Idempotency-Key` with it — a fresh UUID per call unless you give one —
 * and the same key on every retry, so a retried call never creates twice.
 *
 * @example
 * // Safe to repeat after a crash: the server replays the first response for 24 h.
 * await auth.keys.create({ name: 'Nightly job', service_id: 'platform' }, { idempotencyKey: `job-${jobId}` });
 */
export interface IdempotentRequestOptions extends RequestOptions {
  /** Your own `Idempotency-Key`, to make the call safe to repeat across processes. */
  idempotencyKey?: string;
}
