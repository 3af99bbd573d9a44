import { storeFailureOf } from '../store/failures';
import type { ServerLogger } from './errors';
import { problem } from './responses';
import type { ReplyParts } from './responses';

/** Seconds a caller should wait: a held lock is usually brief, a damaged file is not. */
const RETRY_AFTER_BUSY_S = 1;
const RETRY_AFTER_DAMAGED_S = 30;

/**
 * The 503 answer for a store that cannot serve the request right now, or undefined when the
 * error is not a store failure. The body says what happened and nothing more (no stack, no
 * SQL); a damaged file is reported to the logger.
 *
 * @example
 * const parts = storeUnavailableParts(error, console); // { status: 503, headers: { 'retry-after': '1', ... } }
 */
export function storeUnavailableParts(error: unknown, logger: ServerLogger | undefined): ReplyParts | undefined {
  const failure = storeFailureOf(error);
  if (failure === 'busy') {
    return problem(503, 'The data store is busy; retry shortly', undefined, { 'retry-after': String(RETRY_AFTER_BUSY_S) });
  }
  if (failure === 'damaged') {
    logger?.error('The data store failed: its file is damaged or unreadable', error);
    return problem(503, 'The data store is unavailable', undefined, { 'retry-after': String(RETRY_AFTER_DAMAGED_S) });
  }
  return undefined;
}
