import { HOUR_MS } from './time';
import type { RateLimitState } from './types';

/** Timestamps of counted events of one key, oldest first; `start` skips pruned entries. */
interface Window {
  times: number[];
  start: number;
}

/**
 * A sliding-window counter of successful validations per key, held in memory only (as the
 * public service does, a restart forgets the windows). `tryConsume` checks and counts in one
 * synchronous step, so concurrent validations cannot overshoot the limit.
 *
 * @example
 * const limiter = new SlidingWindowRateLimiter();
 * const { allowed, state } = limiter.tryConsume(keyId, 100, clock.now());
 */
export class SlidingWindowRateLimiter {
  readonly #windows = new Map<string, Window>();

  constructor(readonly windowMs: number = HOUR_MS) {}

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
    return { allowed: true, state: this.#describe(window, limit, now) };
  }

  /** Drops the window of a key that can no longer validate (revoked or rotated). */
  forget(keyId: string): void {
    this.#windows.delete(keyId);
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
