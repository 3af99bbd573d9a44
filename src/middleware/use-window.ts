import type { UseCount } from './types';

/** One hour: the window of `rate_limit_per_hour`. */
export const HOUR_MS = 3_600_000;
const SECOND_MS = 1_000;

interface Bucket {
  second: number;
  count: number;
}

/**
 * A sliding one-hour count of a key's uses, in one-second buckets (at most 3,600, however many
 * uses). A bucket leaves the window an hour after the *end* of its second, so a use is counted
 * up to a second longer than exactly, never shorter: the count never lets a key exceed its limit.
 *
 * Counting is on every request of a key: the window keeps when its oldest bucket leaves and when
 * its newest one's second ends, so a use in the same second as the last is two comparisons and
 * an addition. A clock that goes back counts into the newest bucket (a later date: stricter).
 *
 * @example
 * const window = new UseWindow();
 * window.count(10, Date.now()); // { allowed: true, limit: 10, remaining: 9, reset: … }
 */
export class UseWindow {
  #buckets: Bucket[] = [];
  /** Index of the oldest bucket still in the window (older ones are dropped in batches). */
  #start = 0;
  #total = 0;
  /** When the oldest bucket still counted leaves the hour (never, when there is none). */
  #oldestLeaves = Number.POSITIVE_INFINITY;
  /** The newest bucket while it is counted, and the end of its second. */
  #newest: Bucket | undefined;
  #newestEnds = Number.NEGATIVE_INFINITY;
  #detached = false;

  /** Counts one use at `now` if the hour holds fewer than `limit`, and says how the hour stands. */
  count(limit: number, now: number): UseCount {
    const allowed = this.take(limit, now);
    return { allowed, limit, remaining: Math.max(0, limit - this.#total), reset: this.#reset(now) };
  }

  /** `count` without the report: true when the use was counted (what a cache hit needs). */
  take(limit: number, now: number): boolean {
    if (now >= this.#oldestLeaves) this.#prune(now);
    if (this.#total >= limit) return false;
    this.#add(1, now);
    return true;
  }

  /** Makes the hour's count at least `used`; the missing uses are dated `now` (the later, the stricter). */
  raise(used: number, now: number): void {
    if (now >= this.#oldestLeaves) this.#prune(now);
    if (used > this.#total) this.#add(used - this.#total, now);
  }

  /** Adds the uses still in `other`'s hour to this one's, dated `now` (the later, the stricter). */
  absorb(other: UseWindow, now: number): void {
    if (now >= other.#oldestLeaves) other.#prune(now);
    if (other.#total > 0) this.raise(this.#total + other.#total, now);
  }

  /** True once the store that held this window has dropped it: whoever still counts on it must move to the store's current one. */
  get detached(): boolean {
    return this.#detached;
  }

  detach(): void {
    this.#detached = true;
  }

  #add(count: number, now: number): void {
    this.#total += count;
    if (this.#newest !== undefined && now < this.#newestEnds) {
      this.#newest.count += count;
      return;
    }
    const second = Math.floor(now / SECOND_MS);
    this.#newest = { second, count };
    this.#newestEnds = (second + 1) * SECOND_MS;
    this.#buckets.push(this.#newest);
    if (this.#buckets.length - this.#start === 1) this.#oldestLeaves = leavesAt(second);
  }

  #prune(now: number): void {
    const buckets = this.#buckets;
    while (this.#start < buckets.length && leavesAt(buckets[this.#start]!.second) <= now) this.#total -= buckets[this.#start++]!.count;
    const oldest = buckets[this.#start];
    this.#oldestLeaves = oldest ? leavesAt(oldest.second) : Number.POSITIVE_INFINITY;
    if (!oldest) this.#newest = undefined;
    // Drop the passed buckets now and then, not on every call.
    if (this.#start > 64 && this.#start * 2 > buckets.length) {
      this.#buckets = buckets.slice(this.#start);
      this.#start = 0;
    }
  }

  /** Epoch seconds when the oldest counted use leaves the window. */
  #reset(now: number): number {
    return Math.ceil((this.#oldestLeaves === Number.POSITIVE_INFINITY ? now + HOUR_MS : this.#oldestLeaves) / SECOND_MS);
  }
}

/** When the uses of one second have all left the hour. */
const leavesAt = (second: number) => (second + 1) * SECOND_MS + HOUR_MS;
