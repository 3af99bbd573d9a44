/**
 * Rolling-window counters: each key keeps the times of its counted events; an event counts
 * while it is younger than the window. Exact (no buckets), and synchronous, so a check and
 * the count that follows it cannot interleave with another request.
 *
 * @example
 * const window = new RollingWindow(3600_000);
 * window.add('ip:203.0.113.7', now);
 * window.count('ip:203.0.113.7', now); // 1
 */
export class RollingWindow {
  readonly #windowMs: number;
  readonly #events = new Map<string, number[]>();

  constructor(windowMs: number) {
    this.#windowMs = windowMs;
  }

  get windowMs(): number {
    return this.#windowMs;
  }

  /** Events of `key` still inside the window at `now`. */
  count(key: string, now: number): number {
    return this.#live(key, now).length;
  }

  /** When the oldest counted event of `key` leaves the window; undefined when none is counted. */
  oldestExpiry(key: string, now: number): number | undefined {
    const live = this.#live(key, now);
    return live.length === 0 ? undefined : live[0]! + this.#windowMs;
  }

  /**
   * When `key` may take one more event under `limit`: `now` if it may now, else the time the
   * event that must leave first leaves.
   */
  freeAt(key: string, limit: number, now: number): number {
    const live = this.#live(key, now);
    if (live.length < limit) return now;
    return live[live.length - limit]! + this.#windowMs;
  }

  add(key: string, now: number): void {
    const live = this.#live(key, now);
    live.push(now);
    this.#events.set(key, live);
  }

  delete(key: string): void {
    this.#events.delete(key);
  }

  clear(): void {
    this.#events.clear();
  }

  #live(key: string, now: number): number[] {
    const events = this.#events.get(key);
    if (!events) return [];
    const from = now - this.#windowMs;
    let drop = 0;
    while (drop < events.length && events[drop]! <= from) drop += 1;
    if (drop > 0) events.splice(0, drop);
    if (events.length === 0) this.#events.delete(key);
    return events;
  }
}
