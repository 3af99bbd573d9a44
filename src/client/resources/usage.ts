import type { IdempotentRequestOptions, RequestOptions } from '../request-options';
import type { Transport } from '../transport';
import type {
  BillingInfo,
  DebitAnswer,
  DebitUsageParams,
  MessageResponse,
  RecordUsageParams,
  UsageAggregate,
  UsageAggregateParams,
  UsageStats,
  UsageStatsParams,
} from '../types';
import type { ApiClient } from './api-client';
import { requireId } from './require-id';

/**
 * Usage and billing (`auth.usage`). `record` is service-to-service (no admin token); the reports
 * need the admin token.
 *
 * @example
 * const stats = await auth.usage.stats(keyId, { period: '2025-01' });
 */
export interface UsageResource {
  /**
   * Records one use of a key, stamped with the server's time. Sent with an `Idempotency-Key`, so a
   * retry never counts twice.
   *
   * @example
   * await auth.usage.record(keyId, {
   *   service_id: 'prediction',
   *   endpoint: '/v1/predict',
   *   status_code: 200,
   *   response_time_ms: 142,
   *   predictions_count: 3,
   * });
   */
  record(keyId: string, params: RecordUsageParams, options?: IdempotentRequestOptions): Promise<MessageResponse>;

  /**
   * Debits the key owner's balance before serving a request (what Hokusai services call) and
   * records the usage. A refusal for want of settled credit (402) is an answer with `accepted:
   * false`, not an exception. Retried safely: the server answers a repeated `idempotency_key`
   * with the first answer.
   *
   * @example
   * const answer = await auth.usage.debit(keyId, {
   *   model_id: null,
   *   endpoint: '/api/v1/models/hokusai-text-v1/predict',
   *   service_id: 'platform',
   *   idempotency_key: `${keyId}-${Date.now()}`,
   *   predictions_count: 1,
   * });
   * if (!answer.accepted) console.log(answer.error); // 'insufficient_balance' | 'insufficient_settled_balance'
   */
  debit(keyId: string, params: DebitUsageParams, options?: RequestOptions): Promise<DebitAnswer>;

  /**
   * One month of a key's usage (default: the current UTC month).
   *
   * @example
   * const { total_requests, error_rate, top_endpoints } = await auth.usage.stats(keyId, { period: '2025-01' });
   */
  stats(keyId: string, params?: UsageStatsParams, options?: RequestOptions): Promise<UsageStats>;

  /**
   * The current UTC month's billing of a key: usage, limit, overage and next billing date.
   *
   * @example
   * const { current_usage, overage_charges, next_billing_date } = await auth.usage.billing(keyId);
   */
  billing(keyId: string, options?: RequestOptions): Promise<BillingInfo>;

  /**
   * Usage per day and service over a date range (default: the last 30 days).
   *
   * @example
   * const { usage_by_date } = await auth.usage.aggregate({ service_id: 'prediction', start_date: '2025-01-01T00:00:00Z' });
   * console.log(usage_by_date['2025-01-15']?.prediction?.requests);
   */
  aggregate(params?: UsageAggregateParams, options?: RequestOptions): Promise<UsageAggregate>;
}

/** Builds `auth.usage`. */
export function usageResource(api: ApiClient, transport: Transport): UsageResource {
  return {
    record: async (keyId, body, options) => {
      const path = { key_id: requireId(keyId, 'keyId') };
      return transport.data({ name: 'usage.record', method: 'POST', idempotent: true }, options, (init) =>
        api.POST('/api/v1/usage/{key_id}', { ...init, params: { path }, body }),
      );
    },
    debit: async (keyId, body, options) => {
      const path = { key_id: requireId(keyId, 'keyId') };
      const answer = (await transport.data({ name: 'usage.debit', method: 'POST', safe: true, isAnswer: isDebitRefusal }, options, (init) =>
        api.POST('/api/v1/usage/{key_id}/debit', { ...init, params: { path }, body }),
      )) as DebitAccepted | DebitRefusal;
      const refusal = (answer as DebitRefusal).detail;
      return { accepted: !refusal, ...(refusal ?? answer) } as DebitAnswer;
    },
    stats: async (keyId, query, options) => {
      const path = { key_id: requireId(keyId, 'keyId') };
      return transport.data({ name: 'usage.stats', method: 'GET', admin: true }, options, (init) =>
        api.GET('/api/v1/usage/{key_id}/stats', { ...init, params: { path, query } }),
      );
    },
    billing: async (keyId, options) => {
      const path = { key_id: requireId(keyId, 'keyId') };
      return transport.data({ name: 'usage.billing', method: 'GET', admin: true }, options, (init) =>
        api.GET('/api/v1/usage/{key_id}/billing', { ...init, params: { path } }),
      );
    },
    aggregate: async (query, options) =>
      transport.data({ name: 'usage.aggregate', method: 'GET', admin: true }, options, (init) =>
        api.GET('/api/v1/usage/aggregate', { ...init, params: { query } }),
      ),
  };
}

type DebitAccepted = Omit<Extract<DebitAnswer, { accepted: true }>, 'accepted'>;
type DebitRefusal = { detail: Omit<Extract<DebitAnswer, { accepted: false }>, 'accepted'> };

/** The debit's 402 body is an answer; any other 402 (a proxy's page) stays an error. */
const isDebitRefusal = (status: number, body: unknown) => status === 402 && !!(body as DebitRefusal | undefined)?.detail;
