import type { Clock } from '../clock';
import type { KeyHasher } from '../hasher';
import type { Store } from '../store/types';
import type { SlidingWindowRateLimiter } from './rate-limiter';
import type { WriteBehind } from './write-behind';

/** What every engine operation works with; built once by `createEngine`. */
export interface EngineContext {
  store: Store;
  clock: Clock;
  hash: KeyHasher;
  limiter: SlidingWindowRateLimiter;
  /** `last_used_at` and rate-limit windows, written after the answer when the store's writes can wait. */
  writes: WriteBehind;
  /** Micro-dollars a new owner account gets, by the billing plan of the key that opens it. */
  initialCreditsMicros(plan: string): number;
}
