import { MemoryCache } from './memory-cache';
import type { GuardCacheEntry, GuardStore, UseCount } from './types';

/**
 * Settings of the in-process store.
 *
 * @example
 * const options: MemoryGuardStoreOptions = { max: 50_000 };
 */
export interface MemoryGuardStoreOptions {
  /** Most keys held (least recently used dropped first). Default 10 000. */
  max?: number;
  /** The clock the entries' time to live follows, in ms. Default `Date.now`. */
  now?: () => number;
}

let cacheOf: (store: MemoryGuardStore) => MemoryCache;

/**
 * The default `GuardStore`: a bounded LRU with a time to live per entry (`lru-cache`), and the
 * hourly use counts of recently seen keys, all in this process.
 *
 * @example
 * const guard = createKeyGuard({ auth, service_id: 'prediction', cache: { store: new MemoryGuardStore({ max: 50_000 }) } });
 */
export class MemoryGuardStore implements GuardStore {
  readonly #cache: MemoryCache;

  static {
    cacheOf = (store) => store.#cache;
  }

  constructor({ max = 10_000, now = Date.now }: MemoryGuardStoreOptions = {}) {
    this.#cache = new MemoryCache(max, now);
  }

  get(id: string): GuardCacheEntry | undefined {
    return this.#cache.get(id);
  }

  set(id: string, entry: GuardCacheEntry, ttlMs: number): void {
    this.#cache.set(id, entry, ttlMs);
  }

  delete(id: string): void {
    this.#cache.delete(id);
  }

  countUse(keyId: string, limit: number, now: number): UseCount {
    return this.#cache.countUse(keyId, limit, now);
  }

  raiseUses(keyId: string, used: number, now: number): void {
    this.#cache.raiseUses(keyId, used, now);
  }
}

/** The cache behind a `MemoryGuardStore`, which the guard reads directly on a cache hit; none for other stores. */
export function memoryCacheOf(store: GuardStore | undefined): MemoryCache | undefined {
  return store instanceof MemoryGuardStore ? cacheOf(store) : undefined;
}
