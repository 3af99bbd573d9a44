// Public API of the HokusaiAuth client. Everything else in src/client is internal.
export { HokusaiAuth } from './hokusai-auth';
export type { HokusaiAuthOptions, FetchLike } from './config';
export type { ClientInternals } from './internals';
export type { RequestOptions, IdempotentRequestOptions } from './request-options';
export type { KeysResource } from './resources/keys';
export type { UsageResource } from './resources/usage';
export type { ModelsResource } from './resources/models';
export type {
  ApiKeyCreated,
  ApiKeyInfo,
  ApiKeyTransport,
  BillingInfo,
  CreateApiKeyParams,
  DebitAnswer,
  DebitRejectionCode,
  DebitUsageParams,
  HealthStatus,
  ListApiKeysParams,
  LivenessStatus,
  MessageResponse,
  Model,
  ModelList,
  ReadinessStatus,
  RecordUsageParams,
  ServiceId,
  UsageAggregate,
  UsageAggregateParams,
  UsageStats,
  UsageStatsParams,
  ValidateParams,
  ValidationErrorCode,
  ValidationFailure,
  ValidationResult,
  ValidationSuccess,
  VersionInfo,
} from './types';
export {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConflictError,
  HokusaiAuthError,
  InternalServerError,
  MissingAdminTokenError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from './errors';
export type { FieldError, HokusaiAuthErrorInit } from './errors';
