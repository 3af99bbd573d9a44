import type { Clock } from '../clock';
import { systemClock } from '../clock';
import { toEpochMs } from '../engine/time';

/**
 * A clock that tests can move: the time of a base clock plus an offset. Over the system clock,
 * time keeps flowing after `advance`/`set` (from the new point on); over a `ManualClock` it
 * stays frozen until moved again. Moving the base clock moves this one too.
 *
 * @example
 * const clock = new ControllableClock(); // the system clock, offset 0
 * const app = createApp({ clock });
 * clock.advance(60 * 60 * 1000); // one hour later
 * clock.set('2026-01-01T00:00:00Z');
 * clock.reset(); // back to the base clock's time
 */
export class ControllableClock implements Clock {
  readonly base: Clock;
  #offsetMs = 0;

  constructor(base: Clock = systemClock) {
    this.base = base;
  }

  now(): number {
    return this.base.now() + this.#offsetMs;
  }

  /** How far this clock is ahead of its base (negative when behind), in ms. */
  get offsetMs(): number {
    return this.#offsetMs;
  }

  /** Moves time forward (or back, with a negative value) by `ms` milliseconds. */
  advance(ms: number): this {
    if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new RangeError('advance needs a finite number of milliseconds');
    this.#offsetMs += ms;
    return this;
  }

  /** Jumps to an absolute time: a Date, epoch milliseconds or an ISO 8601 string. */
  set(to: Date | number | string): this {
    this.#offsetMs = toEpochMs(to) - this.base.now();
    return this;
  }

  /** Back to the base clock's time. */
  reset(): this {
    this.#offsetMs = 0;
    return this;
  }
}
