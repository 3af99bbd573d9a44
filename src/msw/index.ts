/**
 * `@hokusai/auth/msw` — msw handlers backed by the stateful stub server, for test suites in
 * Node (`setupServer`) and browsers (`setupWorker`). msw is an optional peer dependency.
 *
 * @example
 * import { setupServer } from 'msw/node';
 * import { createHokusaiHandlers } from '@hokusai/auth/msw';
 *
 * const hokusai = createHokusaiHandlers({ baseUrl: 'http://localhost:8787' });
 * const server = setupServer(...hokusai.handlers);
 */
export { createHokusaiHandlers } from './handlers';
export type { HokusaiHandlers, HokusaiHandlersOptions } from './handlers';
export { ControllableClock, DroppedConnectionError, isDroppedConnection } from '../server/test-controls';
export type { ClockControl, FailNextOptions, PendingFailure, SeedKeyInput, TestControls } from '../server/test-controls';
export { ManualClock } from '../server/clock';
export type { Clock } from '../server/clock';
export { MemoryStore } from '../server/store/memory';
export type { Store } from '../server/store/types';
