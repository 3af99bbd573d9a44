import type { HokusaiAuth } from '../client/hokusai-auth';
import { newIdempotencyKey } from '../client/idempotency-key';
import type { RecordUsageParams } from '../client/types';

/**
 * How a guard records usage: batched in memory and sent in the background.
 *
 * @example
 * const usage: UsageOptions = { flushEveryMs: 1_000, maxBatch: 100 };
 */
export interface UsageOptions {
  /** Longest a record waits before it is sent, in ms. Default 1 000. */
  flushEveryMs?: number;
  /** Records that trigger a send at once. Default 100. */
  maxBatch?: number;
}

interface PendingRecord {
  keyId: string;
  params: RecordUsageParams;
  /** Made when the record is queued, so a record sent twice (a retry) is counted once. */
  idempotencyKey: string;
}

/**
 * Queues usage records and sends them — one `POST /api/v1/usage/{key_id}` each, with its own
 * idempotency key — every `flushEveryMs` or once `maxBatch` are waiting. Adding never waits.
 *
 * @example
 * const batcher = new UsageBatcher(auth, { flushEveryMs: 1_000 }, console.error);
 * batcher.add(keyId, { service_id: 'prediction', endpoint: '/v1/predict', status_code: 200, response_time_ms: 12 });
 * await batcher.close();
 */
export class UsageBatcher {
  readonly #auth: HokusaiAuth;
  readonly #flushEveryMs: number;
  readonly #maxBatch: number;
  readonly #onError: (error: unknown) => void;
  #queue: PendingRecord[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #sending = new Set<Promise<void>>();

  constructor(auth: HokusaiAuth, { flushEveryMs = 1_000, maxBatch = 100 }: UsageOptions, onError: (error: unknown) => void) {
    this.#auth = auth;
    this.#flushEveryMs = flushEveryMs;
    this.#maxBatch = maxBatch;
    this.#onError = onError;
  }

  /** Queues one record. */
  add(keyId: string, params: RecordUsageParams): void {
    this.#queue.push({ keyId, params, idempotencyKey: newIdempotencyKey() });
    if (this.#queue.length >= this.#maxBatch) this.flush();
    else this.#timer ??= unrefTimer(setTimeout(() => this.flush(), this.#flushEveryMs));
  }

  /** Sends everything queued now; resolves when those sends are over. */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#queue;
    this.#queue = [];
    if (batch.length === 0) return Promise.resolve();
    const sending = Promise.all(batch.map((record) => this.#send(record))).then(() => undefined);
    this.#sending.add(sending);
    void sending.finally(() => this.#sending.delete(sending));
    return sending;
  }

  /** Sends what is queued and waits for every send in flight. */
  async close(): Promise<void> {
    await this.flush();
    await Promise.all([...this.#sending]);
  }

  async #send({ keyId, params, idempotencyKey }: PendingRecord): Promise<void> {
    try {
      await this.#auth.usage.record(keyId, params, { idempotencyKey });
    } catch (error) {
      this.#onError(error);
    }
  }
}

/** A timer that does not keep a Node process alive (other runtimes have no `unref`). */
function unrefTimer<T>(timer: T): T {
  (timer as { unref?: () => void }).unref?.();
  return timer;
}
