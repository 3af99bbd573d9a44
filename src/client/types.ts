// Public names for the generated wire types. Fields stay snake_case, exactly as on the wire.
import type { components, operations } from '../../generated/schema';

type Schemas = components['schemas'];
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** A service a key belongs to. @example const service: ServiceId = 'prediction'; */
export type ServiceId = Schemas['ServiceId'];
/** A key's details; never the full key. @example const active = (info: ApiKeyInfo) => info.is_active; */
export type ApiKeyInfo = Schemas['APIKeyInfo'];
/**
 * Body of `auth.keys.create`: `name` and `service_id` are required, the rest have server defaults.
 *
 * @example
 * const params: CreateApiKeyParams = { name: 'My First Key', service_id: 'prediction', scopes: ['predict'], environment: 'test' };
 */
export type CreateApiKeyParams = Schemas['CreateApiKeyRequest'];
/** What create and rotate return: the full key (shown only here) and its details. @example const { api_key, key_info } = created; */
export type ApiKeyCreated = Schemas['ApiKeyCreated'];
/** Filters of `auth.keys.list`. @example const filters: ListApiKeysParams = { service_id: 'prediction', active_only: true }; */
export type ListApiKeysParams = NonNullable<operations['listApiKeys']['parameters']['query']>;
/** A plain confirmation, e.g. `{ message: 'API key revoked successfully' }`. @example const { message } = await auth.keys.revoke(id); */
export type MessageResponse = Schemas['MessageResponse'];

/**
 * Where `auth.validate` puts the key: `Authorization: Bearer` (default), `X-API-Key`, or the
 * body field `api_key`.
 *
 * @example
 * await auth.validate(apiKey, { via: 'x-api-key' });
 */
export type ApiKeyTransport = 'bearer' | 'x-api-key' | 'body';
/**
 * Checks `auth.validate` asks the server to make, and how to send the key.
 *
 * @example
 * const params: ValidateParams = { service_id: 'prediction', required_scope: 'predict', client_ip: '203.0.113.10' };
 */
export type ValidateParams = Simplify<Omit<Schemas['ValidateApiKeyRequest'], 'api_key'> & { via?: ApiKeyTransport }>;
/** A valid key's details. @example if (result.is_valid) console.log(result.scopes); */
export type ValidationSuccess = Schemas['ValidationSuccess'];
/** Why a key was refused (`error`, `error_code`). @example if (!result.is_valid) console.log(result.error_code); */
export type ValidationFailure = Schemas['ValidationFailure'];
/** The answer of `auth.validate`: narrow on `is_valid`. @example const ok = (r: ValidationResult) => r.is_valid; */
export type ValidationResult = ValidationSuccess | ValidationFailure;
/** Machine-readable reason of a failed validation. @example const code: ValidationErrorCode = 'expired'; */
export type ValidationErrorCode = Schemas['ValidationErrorCode'];

/**
 * Body of `auth.usage.record`; `predictions_count` and `compute_ms` default to 0.
 *
 * @example
 * const usage: RecordUsageParams = { service_id: 'prediction', endpoint: '/v1/predict', status_code: 200, response_time_ms: 142 };
 */
export type RecordUsageParams = Schemas['RecordUsageRequest'];
/**
 * Body of `auth.usage.debit`: what a service sends before serving a request. `predictions_count`
 * defaults to 1; times and `status_code` to 0.
 *
 * @example
 * const params: DebitUsageParams = { model_id: null, endpoint: '/predict', service_id: 'platform', idempotency_key: `${keyId}-${Date.now()}` };
 */
export type DebitUsageParams = Schemas['DebitUsageRequest'];
/** Why a debit was refused. @example const code: DebitRejectionCode = 'insufficient_settled_balance'; */
export type DebitRejectionCode = Schemas['DebitRejectionCode'];
/**
 * The answer of `auth.usage.debit`: narrow on `accepted`. A refusal (402) is an answer, not an
 * exception.
 *
 * @example
 * const answer: DebitAnswer = await auth.usage.debit(keyId, params);
 * if (!answer.accepted) console.log(answer.error, answer.message);
 */
export type DebitAnswer =
  | Simplify<{ accepted: true } & Schemas['DebitAccepted']>
  | Simplify<{ accepted: false } & Schemas['DebitRejected']['detail']>;
/** Query of `auth.usage.stats`. @example const q: UsageStatsParams = { period: '2025-01' }; */
export type UsageStatsParams = NonNullable<operations['getUsageStats']['parameters']['query']>;
/** One month of a key's usage. @example const share = (s: UsageStats) => s.error_rate; */
export type UsageStats = Schemas['UsageStats'];
/** The current month's billing of a key. @example const due = (b: BillingInfo) => b.overage_charges; */
export type BillingInfo = Schemas['BillingInfo'];
/** Query of `auth.usage.aggregate`. @example const q: UsageAggregateParams = { service_id: 'prediction', start_date: '2025-01-01T00:00:00Z' }; */
export type UsageAggregateParams = NonNullable<operations['getUsageAggregate']['parameters']['query']>;
/** Usage per day and service. @example const days = (a: UsageAggregate) => Object.keys(a.usage_by_date); */
export type UsageAggregate = Schemas['UsageAggregate'];

/** `GET /health`. @example const { status } = await auth.health(); // 'healthy' */
export type HealthStatus = Schemas['HealthStatus'];
/** `GET /ready`, for 200 and for 503. @example const { status, checks } = await auth.ready(); */
export type ReadinessStatus = Schemas['ReadinessStatus'];
/** `GET /live`. @example const { status } = await auth.live(); // 'alive' */
export type LivenessStatus = Schemas['LivenessStatus'];
/** `GET /version`. @example const { version } = await auth.version(); */
export type VersionInfo = Schemas['VersionInfo'];
/** One model of `GET /v1/models`. @example const ids = (list: ModelList) => list.models.map((m: Model) => m.id); */
export type Model = Schemas['Model'];
/** `GET /v1/models`. @example const { models } = await auth.models.list(apiKey); */
export type ModelList = Schemas['ModelList'];
