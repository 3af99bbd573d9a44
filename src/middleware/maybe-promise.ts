// The guard's hot path stays synchronous while every step is: a cache hit on the in-memory store
// allocates no promise and waits for no microtask.
import type { MaybePromise } from './types';

/**
 * True for a promise or any thenable (a store may return its own).
 *
 * @example
 * isPromise(Promise.resolve(1)); // true
 */
export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

/**
 * `next(value)` at once when `value` is ready, else once it resolves.
 *
 * @example
 * after(store.get(id), (entry) => entry?.byClientIp[ip]);
 */
export function after<T, U>(value: MaybePromise<T>, next: (value: T) => MaybePromise<U>): MaybePromise<U> {
  return isPromise(value) ? value.then(next) : next(value);
}
