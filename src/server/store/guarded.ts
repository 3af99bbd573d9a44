import { storeFailureOf } from './failures';
import type { Store } from './types';

/**
 * The store with readiness that follows what happens at run time: once any call fails because
 * the file is damaged, `ping()` answers false (so `/ready` says 503) until the server restarts.
 * Every call still goes to the store itself; the error is rethrown for the request to answer 503.
 *
 * @example
 * const store = guardStore(new SqliteStore({ filename }));
 */
export function guardStore<S extends Store>(store: S): S {
  let damaged = false;
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(target, name) {
      if (name === 'ping') return () => !damaged && target.ping();
      const value: unknown = Reflect.get(target, name, target);
      if (typeof value !== 'function') return value;
      let wrapper = wrapped.get(name);
      if (!wrapper) {
        // Called on the store itself: its private fields are not reachable through the proxy.
        wrapper = (...args: unknown[]) => {
          try {
            return (Reflect.get(target, name, target) as (...args: unknown[]) => unknown).apply(target, args);
          } catch (error) {
            if (storeFailureOf(error) === 'damaged') damaged = true;
            throw error;
          }
        };
        wrapped.set(name, wrapper);
      }
      return wrapper;
    },
  });
}
