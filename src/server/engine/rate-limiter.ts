import { HOUR_MS } from './time';
import type { RateLimitState } from './types';

/** Timestamps of counted events of one key, oldest first; `start` skips pruned entries. */
interface Window {
  times: number[];
  start: number;
}

/**
 * Where windows are kept across restarts: given the stored windows at start, told which keys'
 * windows changed (`changed` is called once per change; read the window when writing it).
 */
export interface RateWindowSink {
  changed(keyId: string): void;
}

/**
 * A sliding-window counter of successful validations per key. `tryConsume` checks and counts
 * in one synchronous step, so concurrent validations cannot overshoot the limit. The windows
 * live in memory for speed; a store that keeps them (SQLite) gets them written shortly after
 * (see write-behind.ts), so a restart does not hand out a fresh budget.
 *
 * @example
 * const limiter = new SlidingWindowRateLimiter();
 * const { allowed, state } = limiter.tryConsume(keyId, 100, clock.now());
 */
export class SlidingWindowRateLimiter {
  readonly #windows = new Map<string, Window>();
  #sink: RateWindowSink | undefined;

  constructor(readonly windowMs: number = HOUR_MS) {}

  /** Starts from stored windows and reports every later change to `sink`. */
  restore(stored: Map<string, number[]>, sink: RateWindowSink): void {
    for (const [keyId, times] of stored) if (times.length > 0) this.#windows.set(keyId, { times: [...times], start: 0 });
    this.#sink = sink;
  }

  /** The counted times of a key still in the window at `now` (empty when none). */
  times(keyId: string, now: number): number[] {
    const window = this.#prune(keyId, now);
    return window ? window.times.slice(window.start) : [];
  }

  /** The window as it stands, without counting anything. */
  state(keyId: string, limit: number, now: number): RateLimitState {
    const window = this.#prune(keyId, now);
    return this.#describe(window, limit, now);
  }

  /** Counts one event if the limit allows it. */
  tryConsume(keyId: string, limit: number, now: number): { allowed: boolean; state: RateLimitState } {
    let window = this.#prune(keyId, now);
    if (!window) {
      window = { times: [], start: 0 };
      this.#windows.set(keyId, window);
    }
    const used = window.times.length - window.start;
    if (used >= limit) {
      const state = this.#describe(window, limit, now);
      state.retryAfter = Math.max(1, state.reset - Math.floor(now / 1000));
      return { allowed: false, state };
    }
    window.times.push(now);
    this.#sink?.changed(keyId);
    return { allowed: true, state: this.#describe(window, limit, now) };
  }

  /** Drops the window of a key that can no longer validate (revoked). */
  forget(keyId: string): void {
    if (this.#windows.delete(keyId)) this.#sink?.changed(keyId);
  }

  /**
   * Hands the window of a rotated key to its replacement: the new key starts with what the
   * old one used this hour, not with a fresh budget.
   */
  transfer(fromKeyId: string, toKeyId: string): void {
    const window = this.#windows.get(fromKeyId);
    if (!window) return;
    this.#windows.delete(fromKeyId);
    this.#windows.set(toKeyId, window);
    this.#sink?.changed(fromKeyId);
    this.#sink?.changed(toKeyId);
  }

  #prune(keyId: string, now: number): Window | undefined {
    const window = this.#windows.get(keyId);
    if (!window) return undefined;
    const cutoff = now - this.windowMs;
    while (window.start < window.times.length && (window.times[window.start] ?? 0) <= cutoff) window.start++;
    if (window.start === window.times.length) {
      this.#windows.delete(keyId);
      return undefined;
    }
    // Compact now and then so the array does not grow without bound.
    if (window.start > 1024 && window.start * 2 > window.times.length) {
      window.times = window.times.slice(window.start);
      window.start = 0;
    }
    return window;
  }

  #describe(window: Window | undefined, limit: number, now: number): RateLimitState {
    const used = window ? window.times.length - window.start : 0;
    const oldest = window?.times[window.start] ?? now;
    return {
      limit,
      remaining: Math.max(0, limit - used),
      reset: Math.ceil((oldest + this.windowMs) / 1000),
    };
  }
}
