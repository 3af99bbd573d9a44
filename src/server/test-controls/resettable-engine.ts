import type { Engine } from '../engine';
import { EngineError } from '../engine/errors';
import { MemoryStore } from '../store/memory';
import type { Store } from '../store/types';

/**
 * An engine that can be swapped for a fresh one while routes keep their reference to it: the
 * routes hold `engine`, which forwards every call to the current engine. Resetting empties the
 * store and forgets the in-memory rate-limit windows.
 *
 * @example
 * const resettable = new ResettableEngine((store) => createEngine({ store, clock }), new MemoryStore());
 * createApp({ engine: resettable.engine });
 * resettable.reset(); // no keys, no usage, no rate-limit windows
 */
export class ResettableEngine {
  readonly engine: Engine;
  #current: Engine;
  readonly #build: (store: Store) => Engine;

  constructor(build: (store: Store) => Engine, store: Store) {
    this.#build = build;
    this.#current = build(store);
    const current = () => this.#current;
    this.engine = {
      get store() {
        return current().store;
      },
      get clock() {
        return current().clock;
      },
      createKey: (input, userId) => current().createKey(input, userId),
      listKeys: (filter) => current().listKeys(filter),
      getKey: (keyId) => current().getKey(keyId),
      rotateKey: (keyId) => current().rotateKey(keyId),
      revokeKey: (keyId) => current().revokeKey(keyId),
      validate: (input) => current().validate(input),
      recordUsage: (keyId, input) => current().recordUsage(keyId, input),
      usageStats: (keyId, period) => current().usageStats(keyId, period),
      billing: (keyId) => current().billing(keyId),
      aggregateUsage: (filter) => current().aggregateUsage(filter),
      listModels: (input) => current().listModels(input),
      ready: () => current().ready(),
    };
  }

  /**
   * Starts over with an empty store: a store with a `clear()` method is cleared in place, a
   * `MemoryStore` is replaced by a new one; any other store cannot be reset (409).
   */
  reset(): void {
    const store = this.#current.store as Store & { clear?: () => void };
    let next: Store;
    if (typeof store.clear === 'function') {
      store.clear();
      next = store;
    } else if (store instanceof MemoryStore) {
      next = new MemoryStore({ hmacSecret: store.hmacSecret() });
    } else {
      throw new EngineError('conflict', `Cannot reset a ${store.kind} store; run the server with the memory store (--memory)`);
    }
    this.#current = this.#build(next);
  }
}
