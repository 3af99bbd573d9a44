/**
 * Wire-shaped values the engine takes and returns (snake_case, as in the API). The response
 * shapes are the spec's own types (generated/schema.d.ts), so a change of the spec that the
 * engine does not follow fails type-checking.
 */
import type * as z from 'zod';
import type { components } from '../../../generated/schema';
import type { zGetUsageAggregateQuery, zListApiKeysQuery, zValidateApiKeyRequest } from '../../../generated/zod.gen';
import type { createKeyBody, debitUsageBody, recordUsageBody } from '../boundary/schemas';

type Schemas = components['schemas'];

/**
 * The two services a key can belong to.
 *
 * @example
 * const service: ServiceId = 'prediction';
 */
export type ServiceId = Schemas['ServiceId'];

/**
 * A key's environment.
 *
 * @example
 * const env: KeyEnvironment = 'test';
 */
export type KeyEnvironment = Schemas['ApiKeyEnvironment'];

/**
 * What the API shows about a key (never the key itself). Times are ISO 8601 UTC strings.
 *
 * @example
 * const info: ApiKeyInfo = (await engine.getKey(keyId));
 * info.key_prefix; // 'hk_test_AbC***'
 */
export type ApiKeyInfo = Schemas['APIKeyInfo'];

/**
 * Body of `POST /api/v1/keys` once parsed by the spec's schema (defaults applied); parse a
 * hand-made one with `requestSchemas.createKey.body`.
 *
 * @example
 * const input: CreateKeyInput = requestSchemas.createKey.body.parse({ name: 'My First Key', service_id: 'prediction', environment: 'test' });
 */
export type CreateKeyInput = z.output<typeof createKeyBody>;

/**
 * The create/rotate answer: the full key (shown this once) and its info.
 *
 * @example
 * const { api_key, key_info } = await engine.createKey({ name: 'ci', service_id: 'prediction' });
 */
export type CreatedKey = Schemas['ApiKeyCreated'];

/**
 * Filters of `GET /api/v1/keys`, as parsed from its query.
 *
 * @example
 * engine.listKeys({ service_id: 'prediction', active_only: true });
 */
export type ListKeysFilter = z.output<typeof zListApiKeysQuery>;

/**
 * One validation request. `client_ip` comes from the body; `connectionIp` is the address the
 * request came from, used when `client_ip` is absent.
 *
 * @example
 * await engine.validate({ apiKey, service_id: 'prediction', connectionIp: '127.0.0.1' });
 */
export type ValidateInput = Omit<z.output<typeof zValidateApiKeyRequest>, 'api_key'> & {
  apiKey: string;
  connectionIp?: string | null;
};

/**
 * Why a validation failed, in check order.
 *
 * @example
 * if (result.body.error_code === 'rate_limited') retryLater();
 */
export type ValidationErrorCode = Schemas['ValidationErrorCode'];

/**
 * Body of a successful validation.
 *
 * @example
 * if (body.is_valid) console.log(body.scopes);
 */
export type ValidationSuccess = Schemas['ValidationSuccess'];

/**
 * Body of a failed validation: the key fields are all null.
 *
 * @example
 * if (!body.is_valid) console.log(body.error, body.error_code);
 */
export type ValidationFailure = Schemas['ValidationFailure'];

/**
 * The rate-limit window of a key as the `X-RateLimit-*` headers show it.
 *
 * @example
 * headers.set('X-RateLimit-Reset', String(state.reset)); // epoch seconds
 */
export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Epoch seconds when the oldest counted validation leaves the window. */
  reset: number;
  /** Seconds to wait, only when the limit is exhausted. */
  retryAfter?: number;
}

/**
 * Result of `engine.validate`: the HTTP status to answer with, the body, and the key's
 * rate-limit window once the key is known.
 *
 * @example
 * const { status, body, rateLimit } = await engine.validate({ apiKey });
 */
export type ValidateOutcome =
  | { status: 200; body: ValidationSuccess; rateLimit: RateLimitState }
  | { status: 401 | 429; body: ValidationFailure; rateLimit?: RateLimitState };

/**
 * Body of `POST /api/v1/usage/{key_id}` once parsed by the spec's schema (defaults applied).
 *
 * @example
 * engine.recordUsage(keyId, { service_id: 'prediction', endpoint: '/v1/predict', status_code: 200, response_time_ms: 42, predictions_count: 1, compute_ms: 0 });
 */
export type UsageRecordInput = z.output<typeof recordUsageBody>;

/**
 * Body of `POST /api/v1/usage/{key_id}/debit` once parsed by the spec's schema (defaults
 * applied: `predictions_count` 1, times and status 0); parse a hand-made one with
 * `requestSchemas.debitUsage.body`.
 *
 * @example
 * engine.debit(keyId, requestSchemas.debitUsage.body.parse({ endpoint: '/predict', service_id: 'platform', idempotency_key: `${keyId}-1736937000000` }));
 */
export type DebitUsageInput = z.output<typeof debitUsageBody>;

/**
 * A debit that went through: USD taken and the owner's settled balance after it.
 *
 * @example
 * if (outcome.status === 200) console.log(outcome.body.balance);
 */
export type DebitAccepted = Schemas['DebitAccepted'];

/**
 * The 402 body of a refused debit, in the shape Hokusai services read.
 *
 * @example
 * if (outcome.status === 402) console.log(outcome.body.detail.error); // 'insufficient_balance'
 */
export type DebitRejected = Schemas['DebitRejected'];

/**
 * Usage of one key in one month.
 *
 * @example
 * const stats = await engine.usageStats(keyId, '2025-01');
 */
export type UsageStats = Schemas['UsageStats'];

/**
 * Billing of one key for the current UTC month.
 *
 * @example
 * const { overage_charges } = await engine.billing(keyId);
 */
export type BillingInfo = Schemas['BillingInfo'];

/**
 * Filters of `GET /api/v1/usage/aggregate`; dates are ISO 8601 UTC date-times.
 *
 * @example
 * engine.aggregateUsage({ service_id: 'prediction', start_date: '2025-01-01T00:00:00Z', end_date: '2025-01-31T23:59:59Z' });
 */
export type AggregateFilter = z.output<typeof zGetUsageAggregateQuery>;

/**
 * Totals of one service on one day.
 *
 * @example
 * const day: ServiceDayUsage = aggregate.usage_by_date['2025-01-15']!['prediction']!;
 */
export type ServiceDayUsage = Schemas['DailyServiceUsage'];

/**
 * Usage of all keys between two dates, by UTC day and service.
 *
 * @example
 * const { usage_by_date } = await engine.aggregateUsage({});
 */
export type UsageAggregate = Schemas['UsageAggregate'];

/**
 * One model of the local `/v1/models` service.
 *
 * @example
 * const model: ModelInfo = { id: 'hokusai-text-v1', name: 'Hokusai Text v1', description: 'Text classification model.', owned_by: 'hokusai' };
 */
export type ModelInfo = Schemas['Model'];

/**
 * Result of a call to the local `/v1/models` service.
 *
 * @example
 * const result = await engine.listModels({ apiKey });
 * if (result.status === 200) console.log(result.body.models);
 */
export type ModelsOutcome =
  | { status: 200; body: { models: ModelInfo[] }; rateLimit: RateLimitState }
  | { status: 401 | 429; body: { detail: string }; rateLimit?: RateLimitState };
