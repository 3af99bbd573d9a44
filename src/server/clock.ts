/**
 * Where the stub server gets the time from. Everything time-dependent in the engine (expiry,
 * rate-limit windows, usage periods, idempotency windows) reads this, so tests can move time.
 *
 * @example
 * const clock: Clock = { now: () => Date.now() };
 */
export interface Clock {
  /** Current time in epoch milliseconds. */
  now(): number;
}

/**
 * The real wall clock.
 *
 * @example
 * const app = createApp({ clock: systemClock });
 */
export const systemClock: Clock = Object.freeze({ now: () => Date.now() });

/**
 * A clock that only moves when told to, for tests that cross an expiry, an hour window or a
 * month boundary without waiting.
 *
 * @example
 * const clock = new ManualClock('2025-01-31T23:59:00Z');
 * clock.advance(60_000); // now 2025-02-01T00:00:00Z
 * clock.set(new Date('2025-03-01T00:00:00Z'));
 */
export class ManualClock implements Clock {
  #now: number;

  constructor(start: Date | number | string = Date.now()) {
    this.#now = toEpochMs(start);
  }

  now(): number {
    return this.#now;
  }

  /** Moves time forward (or back, with a negative value) by `ms` milliseconds. */
  advance(ms: number): this {
    if (!Number.isFinite(ms)) throw new RangeError('ManualClock.advance needs a finite number of milliseconds');
    this.#now += ms;
    return this;
  }

  /** Jumps to an absolute time. */
  set(to: Date | number | string): this {
    this.#now = toEpochMs(to);
    return this;
  }
}

function toEpochMs(value: Date | number | string): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw new RangeError('ManualClock needs a valid date');
  return ms;
}
