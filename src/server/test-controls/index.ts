// Test controls of the stub server: move its clock, seed keys with chosen values, make calls
// fail, reset it. In-process through `app.controls` (an app built with `testKit: true`); over
// HTTP (`/__hokusai/*`) only when the server runs with `--test-controls`.
export { ControllableClock } from './controllable-clock';
export type { ClockControl, TestControls } from './controls';
export { DroppedConnectionError, isDroppedConnection } from './dropped-connection';
export type { FailNextOptions, PendingFailure } from './failures';
export { TEST_CONTROL_PREFIX } from './middleware';
export type { SeedKeyInput } from './seed-key';
