import type { Clock } from '../clock';

const WINDOW_MS = 60_000;
/** Clients remembered at most; past that the oldest is forgotten (bounded memory under a spray of addresses). */
const MAX_CLIENTS = 10_000;

/**
 * Failed admin-token attempts per client in a sliding minute. Past `limit`, every admin request
 * of that client is refused (429) until its oldest failure is a minute old, right token or not:
 * guessing the token costs a minute per `limit` guesses.
 *
 * @example
 * const throttle = new FailedAttemptThrottle(clock, 10);
 * if (throttle.retryAfter(ip) > 0) return tooMany();
 * if (!tokenMatches) throttle.fail(ip);
 */
export class FailedAttemptThrottle {
  readonly #failures = new Map<string, number[]>();

  constructor(
    readonly clock: Clock,
    readonly limit: number,
  ) {}

  /** Seconds the client must wait, 0 when it may try. */
  retryAfter(client: string): number {
    const times = this.#recent(client);
    if (times.length < this.limit) return 0;
    return Math.max(1, Math.ceil((times[times.length - this.limit]! + WINDOW_MS - this.clock.now()) / 1000));
  }

  /** Counts one failed attempt. */
  fail(client: string): void {
    const times = this.#recent(client);
    times.push(this.clock.now());
    this.#failures.delete(client);
    this.#failures.set(client, times);
    if (this.#failures.size > MAX_CLIENTS) this.#failures.delete(this.#failures.keys().next().value!);
  }

  /** Forgets every client (test controls' reset). */
  clear(): void {
    this.#failures.clear();
  }

  #recent(client: string): number[] {
    const cutoff = this.clock.now() - WINDOW_MS;
    const times = (this.#failures.get(client) ?? []).filter((time) => time > cutoff);
    if (times.length === 0) this.#failures.delete(client);
    return times;
  }
}
