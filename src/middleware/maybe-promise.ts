// The guard's hot path stays synchronous while every step is: a cache hit on the in-memory store
// allocates no promise and waits for no microtask.
import type { MaybePromise } from './types';

/**
 * True for a native promise: what the guard's own waiting steps give (a store's or a hook's
 * thenables are made native first, with `native`). `instanceof` costs a cache hit nothing, where
 * looking for a `then` on every plain answer would not.
 *
 * @example
 * isPromise(Promise.resolve(1)); // true
 */
export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return value instanceof Promise;
}

/**
 * A value from code the guard does not own (a custom store, a hook): a native promise if it is
 * any thenable, else the value itself.
 *
 * @example
 * native(customStore.get(id)); // Promise<entry> or entry
 */
export function native<T>(value: MaybePromise<T> | PromiseLike<T>): MaybePromise<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function' ? Promise.resolve(value) : (value as T);
}

/**
 * `next(value)` at once when `value` is ready, else once it resolves (as a native promise).
 *
 * @example
 * after(hook(key), (refusal) => refusal ?? accepted);
 */
export function after<T, U>(value: MaybePromise<T> | PromiseLike<T>, next: (value: T) => MaybePromise<U>): MaybePromise<U> {
  const ready = native(value);
  return isPromise(ready) ? ready.then(next) : next(ready);
}
