import type { EndpointUsage, UsageRecord, UsageTotals } from '../store/types';
import type { EngineContext } from './context';
import { PRICE_PER_PREDICTION_MICROS, usdFromMicros } from './pricing';
import { invalidInput, invalidParameters } from './errors';
import { requireKey } from './keys';
import { DAY_MS, dayOf, monthRange, periodOf, startOfNextMonth, toIsoSeconds } from './time';
import type { AggregateFilter, BillingInfo, ServiceDayUsage, UsageAggregate, UsageRecordInput, UsageStats } from './types';

const MAX_TOP_ENDPOINTS = 10;
const EMPTY_TOTALS: UsageTotals = Object.freeze({ requests: 0, errors: 0, predictions: 0, compute_ms: 0, response_time_ms: 0 });

/**
 * Stores one usage record for an existing key (revoked keys included), stamped with the
 * server's time. A record that would take one of the month's totals past
 * `Number.MAX_SAFE_INTEGER` is refused (400 naming the field), so totals never lose precision.
 */
export function recordUsage(ctx: EngineContext, keyId: string, usage: UsageRecordInput): { message: string } {
  const key = requireKey(ctx, keyId);
  const now = ctx.clock.now();
  const totals = ctx.store.usageTotals(key.key_id, periodOf(now));
  if (totals) {
    const over = (
      [
        ['predictions_count', totals.predictions + usage.predictions_count],
        ['compute_ms', totals.compute_ms + usage.compute_ms],
        ['response_time_ms', totals.response_time_ms + usage.response_time_ms],
      ] as const
    ).filter(([, total]) => total > Number.MAX_SAFE_INTEGER);
    if (over.length > 0) {
      throw invalidInput(over.map(([field]) => ({ field, message: `This month's total of the key would exceed ${Number.MAX_SAFE_INTEGER}` })));
    }
  }
  ctx.store.insertUsage({ key_id: key.key_id, ...usage, recorded_at: now });
  return { message: 'Usage recorded successfully' };
}

/** Totals of one key in one UTC month (`YYYY-MM`, default: the current month). */
export function usageStats(ctx: EngineContext, keyId: string, period?: string): UsageStats {
  const chosen = period ?? periodOf(ctx.clock.now());
  const range = monthRange(chosen);
  const key = requireKey(ctx, keyId);
  // Read from the month's rollups: O(endpoints), however many records the month holds.
  const totals = ctx.store.usageTotals(key.key_id, chosen) ?? EMPTY_TOTALS;
  return {
    key_id: key.key_id,
    period: chosen,
    total_requests: totals.requests,
    total_predictions: totals.predictions,
    total_compute_ms: totals.compute_ms,
    average_response_time_ms: averageOf(totals),
    error_rate: totals.requests === 0 ? 0 : totals.errors / totals.requests,
    top_endpoints: topEndpoints(ctx.store.usageByEndpoint(key.key_id, chosen)),
  };
}

/** What a key owes this UTC month: $0.001 per prediction over its monthly limit. */
export function billing(ctx: EngineContext, keyId: string): BillingInfo {
  const key = requireKey(ctx, keyId);
  const now = ctx.clock.now();
  const totals = ctx.store.usageTotals(key.key_id, periodOf(now)) ?? EMPTY_TOTALS;
  const predictions = totals.predictions;
  const limit = key.monthly_prediction_limit;
  const over = limit === null ? 0 : Math.max(0, predictions - limit);
  return {
    key_id: key.key_id,
    billing_plan: key.billing_plan,
    current_usage: { requests: totals.requests, predictions, compute_ms: totals.compute_ms },
    monthly_limit: limit,
    // Integer micro-dollars, so 3 × $0.001 is 0.003 and not 0.0030000000000000001.
    overage_charges: usdFromMicros(over * PRICE_PER_PREDICTION_MICROS),
    next_billing_date: toIsoSeconds(startOfNextMonth(now)),
  };
}

/**
 * Usage of all keys by UTC day and service, between two date-times (both included). Defaults:
 * `end_date` now, `start_date` 30 days before the end (so 30 days ago when neither is given).
 */
export function aggregateUsage(ctx: EngineContext, filter: AggregateFilter = {}): UsageAggregate {
  const end = filter.end_date === undefined ? ctx.clock.now() : Date.parse(filter.end_date);
  const start = filter.start_date === undefined ? end - 30 * DAY_MS : Date.parse(filter.start_date);
  // A rule between two fields (and the clock), which a schema of one query cannot express.
  if (start > end) throw invalidParameters([{ field: 'start_date', message: 'Must not be after end_date' }]);

  const records = ctx.store
    .usageBetween(start, end + 1)
    .filter((record) => filter.service_id === undefined || record.service_id === filter.service_id);
  const byDate: Record<string, Record<string, UsageRecord[]>> = {};
  for (const record of records) {
    const services = (byDate[dayOf(record.recorded_at)] ??= {});
    (services[record.service_id] ??= []).push(record);
  }
  const usageByDate: Record<string, Record<string, ServiceDayUsage>> = {};
  for (const [date, services] of Object.entries(byDate)) {
    usageByDate[date] = {};
    for (const [service, list] of Object.entries(services)) {
      usageByDate[date][service] = {
        requests: list.length,
        predictions: sum(list, 'predictions_count'),
        compute_ms: sum(list, 'compute_ms'),
        avg_response_time_ms: average(list),
      };
    }
  }
  return { start_date: toIsoSeconds(start), end_date: toIsoSeconds(end), usage_by_date: usageByDate };
}

function sum(records: UsageRecord[], field: 'predictions_count' | 'compute_ms'): number {
  let total = 0;
  for (const record of records) total += record[field];
  return total;
}

function averageOf(totals: UsageTotals): number {
  return totals.requests === 0 ? 0 : Math.round((totals.response_time_ms / totals.requests) * 100) / 100;
}

function average(records: UsageRecord[]): number {
  if (records.length === 0) return 0;
  let total = 0;
  for (const record of records) total += record.response_time_ms;
  return Math.round((total / records.length) * 100) / 100;
}

function topEndpoints(rollups: EndpointUsage[]): { endpoint: string; count: number }[] {
  return rollups
    .map(({ endpoint, requests }) => ({ endpoint, count: requests }))
    .sort((a, b) => b.count - a.count || (a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0))
    .slice(0, MAX_TOP_ENDPOINTS);
}
