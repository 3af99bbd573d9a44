import type { Clock } from '../clock';
import type { KeyHasher } from '../hasher';
import type { Store } from '../store/types';
import type { SlidingWindowRateLimiter } from './rate-limiter';

/** What every engine operation works with; built once by `createEngine`. */
export interface EngineContext {
  store: Store;
  clock: Clock;
  hash: KeyHasher;
  limiter: SlidingWindowRateLimiter;
}
