import { LRUCache } from 'lru-cache';
import type { GuardCacheEntry, GuardStore, UseCount } from './types';
import { UseWindow } from './use-window';

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
  readonly #entries: LRUCache<string, { entry: GuardCacheEntry; until: number }>;
  readonly #windows: LRUCache<string, UseWindow>;
  readonly #now: () => number;

  constructor({ max = 10_000, now = Date.now }: MemoryGuardStoreOptions = {}) {
    this.#now = now;
    // Each entry carries its own deadline, read on `get`: lru-cache's time to live would read
    // the clock and keep timers of its own on every request, for the same answer.
    this.#entries = new LRUCache({ max });
    // No time to live: a window drops its old uses itself, and the least recently used key's
    // window goes first when `max` is reached (a key in use is never the least recent).
    this.#windows = new LRUCache({ max });
  }

  get(id: string): GuardCacheEntry | undefined {
    const held = this.#entries.get(id);
    if (held === undefined) return undefined;
    if (this.#now() <= held.until) return held.entry;
    this.#entries.delete(id);
    return undefined;
  }

  set(id: string, entry: GuardCacheEntry, ttlMs: number): void {
    this.#entries.set(id, { entry, until: this.#now() + Math.max(1, ttlMs) });
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
