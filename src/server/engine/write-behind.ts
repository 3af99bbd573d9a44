import type { Clock } from '../clock';
import type { Store, StoredKey } from '../store/types';
import type { SlidingWindowRateLimiter } from './rate-limiter';

/** Wait after the first pending write, and after a write that could not get the lock. */
const FLUSH_DELAY_MS = 100;
const RETRY_DELAY_MS = 1000;

/**
 * The writes a validation causes (`last_used_at`, the rate-limit window), made after the answer
 * for a store whose writes can wait on a lock held elsewhere (`store.deferWrites`): a validation
 * never waits on a write, and a write that cannot get the lock is tried again a second later.
 * Other stores are written at once. Reads overlay what is still pending, so the API shows
 * `last_used_at` the moment a validation answered.
 *
 * @example
 * const writes = new WriteBehind(store, limiter, clock);
 * writes.touch(key.key_id, now);
 * writes.flush(); // before closing the store
 */
export class WriteBehind {
  readonly #touches = new Map<string, number>();
  readonly #windows = new Set<string>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly store: Store,
    readonly limiter: SlidingWindowRateLimiter,
    readonly clock: Clock,
  ) {
    if (store.loadRateWindows && store.saveRateWindows) {
      limiter.restore(store.loadRateWindows(), { changed: (keyId) => this.#windowChanged(keyId) });
    }
  }

  /** Records a successful validation's `last_used_at`. */
  touch(keyId: string, at: number): void {
    if (!this.store.deferWrites) return this.store.touchKey(keyId, at);
    this.#touches.set(keyId, at);
    this.#schedule(FLUSH_DELAY_MS);
  }

  /** The key with its pending `last_used_at`, if any. */
  current(key: StoredKey): StoredKey {
    const pending = this.#touches.get(key.key_id);
    return pending === undefined ? key : { ...key, last_used_at: pending };
  }

  /** Writes everything pending; returns false when the store refused (it is tried again later). */
  flush(): boolean {
    this.#cancel();
    try {
      for (const [keyId, at] of this.#touches) {
        this.store.touchKey(keyId, at);
        this.#touches.delete(keyId);
      }
      if (this.#windows.size > 0) {
        const now = this.clock.now();
        const windows = new Map([...this.#windows].map((keyId) => [keyId, this.limiter.times(keyId, now)]));
        this.store.saveRateWindows?.(windows);
        this.#windows.clear();
      }
      return true;
    } catch {
      // Busy (a lock held elsewhere): nothing is lost, the next attempt writes it. A closed or
      // broken store will not take it later either.
      if (this.store.ping()) this.#schedule(RETRY_DELAY_MS);
      else this.discard();
      return false;
    }
  }

  /** Drops everything pending (the store is being emptied). */
  discard(): void {
    this.#cancel();
    this.#touches.clear();
    this.#windows.clear();
  }

  #windowChanged(keyId: string): void {
    this.#windows.add(keyId);
    this.#schedule(FLUSH_DELAY_MS);
  }

  #schedule(delayMs: number): void {
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.flush();
    }, delayMs);
    // Pending writes do not keep a process alive; `flush()` on close writes them.
    (this.#timer as { unref?: () => void }).unref?.();
  }

  #cancel(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
