// Public API of the `./server` subpath: the stub server as a Web-standard fetch handler, with
// no Node-only imports (runs in Node, browsers and msw). The TCP listener and the SQLite store
// are in `./server/node` (src/server/node.ts).
export { createApp } from './app';
export type { CreateAppOptions, HokusaiAuthApp, TestableApp } from './app';
export { createEngine, DEFAULT_INITIAL_CREDITS, EngineError, LOCAL_MODELS, PRICE_PER_PREDICTION_USD, VALIDATION_ERRORS } from './engine';
export { requestSchemas } from './boundary/schemas';
export type { FastRequest, FastTarget, FastTransport } from './transports/fast';
export type { ReplyParts } from './http/responses';
export type {
  AggregateFilter,
  ApiKeyInfo,
  BalanceUpdate,
  BillingInfo,
  CreatedKey,
  CreateKeyInput,
  DebitAccepted,
  DebitOutcome,
  DebitRejected,
  DebitUsageInput,
  Engine,
  EngineErrorKind,
  EngineOptions,
  FieldError,
  InitialCredits,
  KeyEnvironment,
  ListKeysFilter,
  ModelInfo,
  ModelsOutcome,
  OwnerBalance,
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
export type { BalanceStore, DebitEntry, DebitRequest, DebitResult, StoredBalance } from './store';
export type { MemoryStoreOptions, NewStoredKey, NewUsageRecord, Store, StoredKey, StoreSnapshot, UsageRecord } from './store';
export { nobleHmacHasher, webCryptoHmacHasher } from './hasher';
export type { KeyHasher, KeyHasherFactory } from './hasher';
export { formatMailLine, Outbox, OUTBOX_CAPACITY } from './outbox';
export type { OutboxListener, OutboxMail, OutgoingMail } from './outbox';
export { DEFAULT_REGISTRATION_SETTINGS } from './registration/settings';
export type { RegistrationSettings } from './registration/settings';
export type { CaptchaVerifier } from './registration/service';
export type { FraudFlag, FraudRule, RegistrationStatus, RegistrationStore, StoredRegistration, StoredWhitelistEntry } from './store/registration-types';
export { MINIMUM_ROLE, ROLES, SIWE_ERRORS } from './platform';
export type { AuthenticatedUser, Mailer, Page, Platform, RequestOrigin } from './platform';
export type { MemberRole, PlatformStore, StoredInvitation, StoredMember, StoredOrganization, StoredUser } from './store/platform-types';
export type { DevWallet } from './test-controls/dev-wallet';
export { IdempotencyCache } from './middleware/idempotency';
export { SECURITY_HEADERS } from './middleware/security-headers';
export type { ServerLogger } from './http/errors';
export type { ServerHono } from './transports/web';
export { ControllableClock, DroppedConnectionError, isDroppedConnection, TEST_CONTROL_PREFIX } from './test-controls';
export type { ClockControl, FailNextOptions, PendingFailure, SeedKeyInput, TestControls } from './test-controls';
