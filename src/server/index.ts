// Public API of the `./server` subpath: the stub server as a Web-standard fetch handler, with
// no Node-only imports (runs in Node, browsers and msw). The TCP listener and the SQLite store
// are in `./server/node` (src/server/node.ts).
export { createApp } from './app';
export type { CreateAppOptions, HokusaiAuthApp } from './app';
export { createEngine, EngineError, LIMITS, LOCAL_MODELS, VALIDATION_ERRORS } from './engine';
export type {
  AggregateFilter,
  ApiKeyInfo,
  BillingInfo,
  CreatedKey,
  CreateKeyInput,
  Engine,
  EngineErrorKind,
  EngineOptions,
  FieldError,
  KeyEnvironment,
  ListKeysFilter,
  ModelInfo,
  ModelsOutcome,
  RateLimitState,
  ServiceDayUsage,
  ServiceId,
  UsageAggregate,
  UsageRecordInput,
  UsageStats,
  ValidateInput,
  ValidateOutcome,
  ValidationErrorCode,
  ValidationFailure,
  ValidationSuccess,
} from './engine';
export { ManualClock, systemClock } from './clock';
export type { Clock } from './clock';
export { MemoryStore } from './store';
export type { MemoryStoreOptions, NewStoredKey, NewUsageRecord, Store, StoredKey, StoreSnapshot, UsageRecord } from './store';
export { nobleHmacHasher, webCryptoHmacHasher } from './hasher';
export type { KeyHasher, KeyHasherFactory } from './hasher';
export { IdempotencyCache } from './middleware/idempotency';
export { SECURITY_HEADERS } from './middleware/security-headers';
export type { ServerLogger } from './http/errors';
export type { ServerHono } from './routes/deps';
export { ControllableClock, DroppedConnectionError, isDroppedConnection, TEST_CONTROL_PREFIX } from './test-controls';
export type { ClockControl, FailNextOptions, PendingFailure, SeedKeyInput, TestControls } from './test-controls';
