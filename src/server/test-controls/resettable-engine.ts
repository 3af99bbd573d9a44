import type { Engine } from '../engine';
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
      get platform() {
        return current().platform;
      },
      createKey: (input, userId) => current().createKey(input, userId),
      listKeys: (filter) => current().listKeys(filter),
      getKey: (keyId) => current().getKey(keyId),
      rotateKey: (keyId) => current().rotateKey(keyId),
      revokeKey: (keyId) => current().revokeKey(keyId),
      validate: (input) => current().validate(input),
      validateNow: (input) => current().validateNow(input),
      recordUsage: (keyId, input) => current().recordUsage(keyId, input),
      debit: (keyId, input) => current().debit(keyId, input),
      balance: (owner) => current().balance(owner),
      setBalance: (owner, update) => current().setBalance(owner, update),
      usageStats: (keyId, period) => current().usageStats(keyId, period),
      billing: (keyId) => current().billing(keyId),
      aggregateUsage: (filter) => current().aggregateUsage(filter),
      listModels: (input) => current().listModels(input),
      ready: () => current().ready(),
      flush: () => current().flush?.(),
      discard: () => current().discard?.(),
    };
  }

  /** Starts over: the store is emptied in place and the engine (rate-limit windows) rebuilt. */
  reset(): void {
    const store = this.#current.store;
    this.#current.discard?.();
    store.clear();
    this.#current = this.#build(store);
  }
}
