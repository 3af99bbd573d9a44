import type { UseCount } from './types';

/** One hour: the window of `rate_limit_per_hour`. */
export const HOUR_MS = 3_600_000;

/**
 * A sliding one-hour count of a key's uses, as the auth service keeps it for validations. Uses
 * are kept as (time, count) pairs, so raising the count to what the auth service has seen costs
 * one entry however large the number.
 *
 * @example
 * const window = new UseWindow();
 * window.count(10, Date.now()); // { allowed: true, limit: 10, remaining: 9, reset: … }
 */
export class UseWindow {
  #uses: { at: number; count: number }[] = [];
  #total = 0;

  /** Counts one use at `now` if the hour holds fewer than `limit`. */
  count(limit: number, now: number): UseCount {
    this.#prune(now);
    const allowed = this.#total < limit;
    if (allowed) this.#add(1, now);
    return { allowed, limit, remaining: Math.max(0, limit - this.#total), reset: this.#reset(now) };
  }

  /** Makes the hour's count at least `used`; the missing uses are dated `now` (the later, the stricter). */
  raise(used: number, now: number): void {
    this.#prune(now);
    if (used > this.#total) this.#add(used - this.#total, now);
  }

  #add(count: number, now: number): void {
    const last = this.#uses.at(-1);
    if (last?.at === now) last.count += count;
    else this.#uses.push({ at: now, count });
    this.#total += count;
  }

  #prune(now: number): void {
    let drop = 0;
    while (drop < this.#uses.length && this.#uses[drop]!.at <= now - HOUR_MS) this.#total -= this.#uses[drop++]!.count;
    if (drop > 0) this.#uses = this.#uses.slice(drop);
  }

  #reset(now: number): number {
    return Math.ceil(((this.#uses[0]?.at ?? now) + HOUR_MS) / 1000);
  }
}
