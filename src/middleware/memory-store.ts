import { LRUCache } from 'lru-cache';
import type { GuardCacheEntry, GuardStore, UseCount } from './types';
import { HOUR_MS, UseWindow } from './use-window';

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

/**
 * The default `GuardStore`: a bounded LRU with a time to live per entry (`lru-cache`), and the
 * hourly use counts of recently seen keys, all in this process.
 *
 * @example
 * const guard = createKeyGuard({ auth, service_id: 'prediction', cache: { store: new MemoryGuardStore({ max: 50_000 }) } });
 */
export class MemoryGuardStore implements GuardStore {
  readonly #entries: LRUCache<string, GuardCacheEntry>;
  readonly #windows: LRUCache<string, UseWindow>;

  constructor({ max = 10_000, now = Date.now }: MemoryGuardStoreOptions = {}) {
    // lru-cache reads time through `perf`, so a test clock moves its expiry too.
    const perf = { now };
    this.#entries = new LRUCache({ max, perf, ttlAutopurge: false });
    this.#windows = new LRUCache({ max, perf, ttl: HOUR_MS, updateAgeOnGet: true });
  }

  get(id: string): GuardCacheEntry | undefined {
    return this.#entries.get(id);
  }

  set(id: string, entry: GuardCacheEntry, ttlMs: number): void {
    this.#entries.set(id, entry, { ttl: Math.max(1, ttlMs) });
  }

  delete(id: string): void {
    this.#entries.delete(id);
  }

  countUse(keyId: string, limit: number, now: number): UseCount {
    return this.#window(keyId).count(limit, now);
  }

  raiseUses(keyId: string, used: number, now: number): void {
    this.#window(keyId).raise(used, now);
  }

  #window(keyId: string): UseWindow {
    let window = this.#windows.get(keyId);
    if (!window) this.#windows.set(keyId, (window = new UseWindow()));
    return window;
  }
}
