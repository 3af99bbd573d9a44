import { LRUCache } from 'lru-cache';
import type { GuardCacheEntry, UseCount } from './types';
import { UseWindow } from './use-window';

/** How often a cache hit tells the LRUs that its entry and its key's window are in use. */
const TOUCH_EVERY_MS = 1_000;

/** One entry as the in-process cache holds it. */
export interface HeldEntry {
  readonly id: string;
  readonly entry: GuardCacheEntry;
  /** When the entry is dropped (its last answer's expiry, plus `failOpenFor`). */
  readonly until: number;
  /** The hour's window of the entry's key, once a hit has counted on it: later hits count there without a lookup. */
  window: UseWindow | undefined;
  /** When a hit next tells the LRUs that this entry is in use. */
  touchAt: number;
}

/**
 * What `MemoryGuardStore` keeps: validation answers by key hash in an LRU bounded by `max`, and
 * the hourly windows of recently used key ids in another.
 *
 * A cache hit, every request's case, reads the entry from a plain `Map` and counts on the window
 * the entry points to: `lru-cache`'s `get` does bookkeeping a hit does not need on every request
 * (options, metrics, moving the entry to the recent end). The LRUs still decide what is dropped,
 * and are told that an entry and its window are in use at most once a second per entry: an entry
 * in use is never long the least recent. A window the LRU drops anyway is marked detached, and
 * its uses are added to the key's current window at the next hit, so no use is ever forgotten.
 */
export class MemoryCache {
  /** Decides which entries are dropped when `max` is reached. */
  readonly #entries: LRUCache<string, HeldEntry>;
  /** The same entries, as cache hits read them. */
  readonly #index = new Map<string, HeldEntry>();
  readonly #windows: LRUCache<string, UseWindow>;
  readonly #now: () => number;

  constructor(max: number, now: () => number) {
    this.#now = now;
    // Each entry carries its own deadline, read on `get`: lru-cache's time to live would read
    // the clock and keep timers of its own on every request, for the same answer.
    this.#entries = new LRUCache<string, HeldEntry>({
      max,
      // Dropped, deleted or replaced: the index follows (a replacement is indexed right after).
      dispose: (held, id) => {
        if (this.#index.get(id) === held) this.#index.delete(id);
      },
    });
    // No time to live: a window drops its old uses itself, and the least recently used key's
    // window goes first when `max` is reached.
    this.#windows = new LRUCache<string, UseWindow>({ max, dispose: (window) => window.detach() });
  }

  /** The entry under `id` if it has not expired (made the most recent). */
  get(id: string): GuardCacheEntry | undefined {
    const held = this.#entries.get(id);
    if (held === undefined) return undefined;
    if (this.#now() <= held.until) return held.entry;
    this.delete(id);
    return undefined;
  }

  set(id: string, entry: GuardCacheEntry, ttlMs: number): void {
    const now = this.#now();
    const held: HeldEntry = { id, entry, until: now + Math.max(1, ttlMs), window: undefined, touchAt: now };
    this.#entries.set(id, held);
    this.#index.set(id, held);
  }

  delete(id: string): void {
    this.#entries.delete(id);
  }

  /**
   * The entry under `id` as held, expired or not, without reading the clock: for a cache hit,
   * which checks its answer's own expiry (never later than the entry's).
   */
  held(id: string): HeldEntry | undefined {
    return this.#index.get(id);
  }

  /** Counts one use of the held entry's key at `now` if its hour holds fewer than `limit`: true when counted. */
  takeUse(held: HeldEntry, keyId: string, limit: number, now: number): boolean {
    const window = held.window === undefined || held.window.detached || now >= held.touchAt ? this.#touch(held, keyId, now) : held.window;
    return window.take(limit, now);
  }

  countUse(keyId: string, limit: number, now: number): UseCount {
    return this.#window(keyId).count(limit, now);
  }

  raiseUses(keyId: string, used: number, now: number): void {
    this.#window(keyId).raise(used, now);
  }

  /** Tells both LRUs the entry is in use, and points it at its key's current window. */
  #touch(held: HeldEntry, keyId: string, now: number): UseWindow {
    held.touchAt = now + TOUCH_EVERY_MS;
    this.#entries.get(held.id);
    const window = this.#window(keyId);
    // Dropped by the windows' LRU while this entry still counted on it: its uses move over.
    if (held.window?.detached) window.absorb(held.window, now);
    held.window = window;
    return window;
  }

  #window(keyId: string): UseWindow {
    let window = this.#windows.get(keyId);
    if (!window) this.#windows.set(keyId, (window = new UseWindow()));
    return window;
  }
}
