import { describe, expectTypeOf, it } from 'vitest';
import type { components } from '../../generated/schema';
import {
  HokusaiAuth,
  NotFoundError,
  RateLimitError,
  type ApiKeyCreated,
  type ApiKeyInfo,
  type BillingInfo,
  type CreateApiKeyParams,
  type RecordUsageParams,
  type ModelList,
  type ReadinessStatus,
  type UsageAggregate,
  type UsageStats,
  type ValidationErrorCode,
  type ValidationResult,
} from '../../src/client';

type Schemas = components['schemas'];
declare const auth: HokusaiAuth;
declare const apiKey: string;
declare const keyId: string;

describe('results are the generated wire types', () => {
  it('public names are the spec schemas', () => {
    expectTypeOf<ApiKeyInfo>().toEqualTypeOf<Schemas['APIKeyInfo']>();
    expectTypeOf<ApiKeyCreated>().toEqualTypeOf<Schemas['ApiKeyCreated']>();
    expectTypeOf<ValidationResult>().toEqualTypeOf<Schemas['ValidationSuccess'] | Schemas['ValidationFailure']>();
    expectTypeOf<CreateApiKeyParams>().toEqualTypeOf<Schemas['CreateApiKeyRequest']>();
    expectTypeOf<RecordUsageParams>().toEqualTypeOf<Schemas['RecordUsageRequest']>();
    expectTypeOf(auth.keys.create).parameter(0).toEqualTypeOf<Schemas['CreateApiKeyRequest']>();
  });

  it('each method resolves to its schema', () => {
    expectTypeOf(auth.keys.create({ name: 'My First Key', service_id: 'prediction' })).resolves.toEqualTypeOf<ApiKeyCreated>();
    expectTypeOf(auth.keys.list()).resolves.toEqualTypeOf<ApiKeyInfo[]>();
    expectTypeOf(auth.keys.get(keyId)).resolves.toEqualTypeOf<ApiKeyInfo>();
    expectTypeOf(auth.keys.rotate(keyId)).resolves.toEqualTypeOf<ApiKeyCreated>();
    expectTypeOf(auth.keys.revoke(keyId)).resolves.toEqualTypeOf<Schemas['MessageResponse']>();
    expectTypeOf(auth.validate(apiKey)).resolves.toEqualTypeOf<ValidationResult>();
    expectTypeOf(auth.usage.stats(keyId)).resolves.toEqualTypeOf<UsageStats>();
    expectTypeOf(auth.usage.billing(keyId)).resolves.toEqualTypeOf<BillingInfo>();
    expectTypeOf(auth.usage.aggregate()).resolves.toEqualTypeOf<UsageAggregate>();
    expectTypeOf(auth.ready()).resolves.toEqualTypeOf<ReadinessStatus>();
    expectTypeOf(auth.models.list(apiKey)).resolves.toEqualTypeOf<ModelList>();
    expectTypeOf(auth.health()).resolves.toEqualTypeOf<Schemas['HealthStatus']>();
  });

  it('wire fields stay snake_case', async () => {
    const { key_info } = await auth.keys.create({ name: 'k', service_id: 'platform' });
    expectTypeOf(key_info.rate_limit_per_hour).toEqualTypeOf<number>();
    expectTypeOf(key_info.environment).toEqualTypeOf<'production' | 'test' | 'development'>();
    expectTypeOf(key_info.expires_at).toEqualTypeOf<string | null>();
    // @ts-expect-error no camelCase conversion
    void key_info.rateLimitPerHour;
  });
});

describe('validate returns an answer to narrow on', () => {
  it('is_valid narrows the union', async () => {
    const result = await auth.validate(apiKey, { service_id: 'prediction', required_scope: 'predict' });
    if (result.is_valid) {
      expectTypeOf(result.scopes).toEqualTypeOf<string[]>();
      expectTypeOf(result.service_id).toEqualTypeOf<'prediction' | 'platform'>();
      // @ts-expect-error a valid result has no error_code
      void result.error_code;
    } else {
      expectTypeOf(result.error_code).toEqualTypeOf<ValidationErrorCode>();
      expectTypeOf(result.scopes).toEqualTypeOf<null>();
    }
  });

  it('the failure codes are the spec enum', () => {
    expectTypeOf<ValidationErrorCode>().toEqualTypeOf<
      'invalid_key' | 'revoked' | 'expired' | 'service_mismatch' | 'insufficient_scope' | 'ip_not_allowed' | 'rate_limited'
    >();
  });

  it('options are checked', () => {
    void auth.validate(apiKey, { via: 'x-api-key', client_ip: '203.0.113.10' });
    void auth.validate(apiKey, { via: 'body' }, { signal: AbortSignal.timeout(1_000), timeoutMs: 500 });
    // @ts-expect-error unknown way of sending the key
    void auth.validate(apiKey, { via: 'cookie' });
    // @ts-expect-error camelCase field name
    void auth.validate(apiKey, { serviceId: 'prediction' });
    // @ts-expect-error the key is the first argument, not a body field
    void auth.validate(apiKey, { api_key: apiKey });
    // @ts-expect-error validate sends no Idempotency-Key
    void auth.validate(apiKey, {}, { idempotencyKey: 'x' });
  });
});

describe('a wrong field name or enum value does not compile', () => {
  it('keys.create', () => {
    void auth.keys.create({ name: 'k', service_id: 'prediction', scopes: ['predict'], environment: 'test', expires_in_days: 90 });
    // @ts-expect-error unknown service
    void auth.keys.create({ name: 'k', service_id: 'billing' });
    // @ts-expect-error unknown environment
    void auth.keys.create({ name: 'k', service_id: 'prediction', environment: 'staging' });
    // @ts-expect-error camelCase field
    void auth.keys.create({ name: 'k', serviceId: 'prediction' });
    // @ts-expect-error name is required
    void auth.keys.create({ service_id: 'prediction' });
    // @ts-expect-error rate_limit_per_hour is a number
    void auth.keys.create({ name: 'k', service_id: 'prediction', rate_limit_per_hour: '1000' });
    // @ts-expect-error unknown field
    void auth.keys.create({ name: 'k', service_id: 'prediction', owner: 'me' });
  });

  it('keys.list / get / rotate / revoke', () => {
    void auth.keys.list({ service_id: 'prediction', active_only: true });
    // @ts-expect-error active_only is a boolean
    void auth.keys.list({ active_only: 'yes' });
    // @ts-expect-error unknown filter
    void auth.keys.list({ environment: 'test' });
    // @ts-expect-error the key id is a string
    void auth.keys.get(42);
    // @ts-expect-error list takes no Idempotency-Key
    void auth.keys.list({}, { idempotencyKey: 'x' });
    void auth.keys.rotate(keyId, { idempotencyKey: 'rotate-1' });
  });

  it('usage', () => {
    void auth.usage.record(keyId, { service_id: 'prediction', endpoint: '/v1/predict', status_code: 200, response_time_ms: 1 });
    // @ts-expect-error status_code is required
    void auth.usage.record(keyId, { service_id: 'prediction', endpoint: '/v1/predict', response_time_ms: 1 });
    // @ts-expect-error camelCase field
    void auth.usage.record(keyId, { service_id: 'p', endpoint: '/', status_code: 200, responseTimeMs: 1 });
    void auth.usage.stats(keyId, { period: '2025-01' });
    // @ts-expect-error unknown query parameter
    void auth.usage.stats(keyId, { month: '2025-01' });
    void auth.usage.aggregate({ service_id: 'prediction', start_date: '2025-01-01T00:00:00Z' });
    // @ts-expect-error unknown query parameter
    void auth.usage.aggregate({ from: '2025-01-01' });
  });

  it('client options', () => {
    void new HokusaiAuth({ baseUrl: 'http://localhost:8787', adminToken: 't', timeoutMs: 1, maxRetries: 0, maxRetryDelayMs: 0 });
    void new HokusaiAuth({ fetch: async (request: Request) => new Response(request.url) });
    // @ts-expect-error unknown option
    void new HokusaiAuth({ retries: 3 });
  });
});

describe('errors', () => {
  it('carry typed fields', () => {
    expectTypeOf<RateLimitError['retryAfterMs']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<NotFoundError['status']>().toEqualTypeOf<404>();
    expectTypeOf<NotFoundError['requestId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<NotFoundError['errors']>().toEqualTypeOf<{ field: string; message: string }[]>();
  });
});
