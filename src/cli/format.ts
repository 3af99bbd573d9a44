// Readable text for each API result. Full API keys appear only where create/rotate hand one out.
import type { ApiKeyCreated, ApiKeyInfo, BillingInfo, UsageStats, ValidationResult } from '../client';
import { formatFields, formatTable } from './table';

/** The details of one key, one field a line. @example io.stdout(formatKeyInfo(await auth.keys.get(id))); */
export function formatKeyInfo(info: ApiKeyInfo): string {
  return formatFields(keyInfoFields(info));
}

/** A new key (create/rotate): the full key once, then its details. @example io.stdout(formatCreatedKey(await auth.keys.create(params))); */
export function formatCreatedKey(created: ApiKeyCreated): string {
  return formatFields([['API key', created.api_key], ...keyInfoFields(created.key_info)]);
}

/** `keys list`: one row per key. @example io.stdout(formatKeyList(await auth.keys.list())); */
export function formatKeyList(keys: readonly ApiKeyInfo[]): string {
  if (keys.length === 0) return 'No API keys found.\n';
  const rows = keys.map((key) => [
    key.key_id,
    key.name,
    key.key_prefix,
    key.service_id,
    key.environment,
    yesNo(key.is_active),
    scopes(key.scopes),
    key.expires_at ?? 'never',
    key.last_used_at ?? 'never',
  ]);
  const table = formatTable(['KEY ID', 'NAME', 'PREFIX', 'SERVICE', 'ENV', 'ACTIVE', 'SCOPES', 'EXPIRES', 'LAST USED'], rows);
  return `${table}${keys.length} key${keys.length === 1 ? '' : 's'}\n`;
}

/** `validate`: the verdict, the masked key, then the key's details or the reason. @example io.stdout(formatValidation(result, maskApiKey(key))); */
export function formatValidation(result: ValidationResult, maskedKey: string): string {
  if (!result.is_valid) {
    return formatFields([
      ['Valid', 'no'],
      ['Key', maskedKey],
      ['Error', result.error],
      ['Error code', result.error_code],
    ]);
  }
  return formatFields([
    ['Valid', 'yes'],
    ['Key', maskedKey],
    ['Key ID', result.key_id],
    ['User', result.user_id],
    ['Service', result.service_id],
    ['Scopes', scopes(result.scopes)],
    ['Rate limit/hour', String(result.rate_limit_per_hour)],
    ['Monthly limit', limit(result.monthly_prediction_limit)],
    ['Billing plan', result.billing_plan],
    ['Balance', `${exactUsd(result.balance)} settled${result.has_sufficient_balance ? '' : ' (not enough for one prediction)'}`],
  ]);
}

/** `usage stats`: totals, then the top endpoints. @example io.stdout(formatStats(await auth.usage.stats(id))); */
export function formatStats(stats: UsageStats): string {
  const totals = formatFields([
    ['Key ID', stats.key_id],
    ['Period', stats.period],
    ['Requests', String(stats.total_requests)],
    ['Predictions', String(stats.total_predictions)],
    ['Compute (ms)', String(stats.total_compute_ms)],
    ['Avg response (ms)', String(round(stats.average_response_time_ms, 1))],
    ['Error rate', `${round(stats.error_rate * 100, 1)}%`],
  ]);
  const endpoints =
    stats.top_endpoints.length === 0
      ? 'Top endpoints: none\n'
      : `\nTop endpoints:\n${formatTable(
          ['ENDPOINT', 'COUNT'],
          stats.top_endpoints.map((e) => [e.endpoint, String(e.count)]),
        )}`;
  return totals + endpoints;
}

/** `usage billing`: the current month. @example io.stdout(formatBilling(await auth.usage.billing(id))); */
export function formatBilling(billing: BillingInfo): string {
  return formatFields([
    ['Key ID', billing.key_id],
    ['Billing plan', billing.billing_plan],
    ['Requests', String(billing.current_usage.requests)],
    ['Predictions', String(billing.current_usage.predictions)],
    ['Compute (ms)', String(billing.current_usage.compute_ms)],
    ['Monthly limit', limit(billing.monthly_limit)],
    ['Overage charges', usd(billing.overage_charges)],
    ['Next billing date', billing.next_billing_date],
  ]);
}

/** The fields of a key's details, in display order. @example formatFields(keyInfoFields(info)); */
export function keyInfoFields(info: ApiKeyInfo): [string, string][] {
  return [
    ['Key ID', info.key_id],
    ['Name', info.name],
    ['Key prefix', info.key_prefix],
    ['Service', info.service_id],
    ['Environment', info.environment],
    ['Active', yesNo(info.is_active)],
    ['Scopes', scopes(info.scopes)],
    ['Rate limit/hour', String(info.rate_limit_per_hour)],
    ['Monthly limit', limit(info.monthly_prediction_limit)],
    ['Allowed IPs', info.allowed_ips && info.allowed_ips.length > 0 ? info.allowed_ips.join(', ') : 'any'],
    ['Billing plan', info.billing_plan],
    ['User', info.user_id],
    ['Created', info.created_at],
    ['Expires', info.expires_at ?? 'never'],
    ['Last used', info.last_used_at ?? 'never'],
  ];
}

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

// An empty scope list means full access within the key's service.
function scopes(list: readonly string[]): string {
  return list.length === 0 ? '(all)' : list.join(', ');
}

function limit(value: number | null): string {
  return value === null ? 'none' : String(value);
}

/**
 * An owner's balance as `Field  value` lines.
 *
 * @example
 * formatBalance({ owner: 'admin', settled: 1, pending: 0 }); // 'Owner    admin\nSettled  $1.00\n…'
 */
export function formatBalance(balance: { owner: string; settled: number; pending: number }): string {
  return formatFields([
    ['Owner', balance.owner],
    ['Settled', exactUsd(balance.settled)],
    ['Pending', exactUsd(balance.pending)],
  ]);
}

/** To the micro-dollar, as balances are kept (`$0.0005`, not a rounded `$0.001`). */
function exactUsd(amount: number): string {
  return `$${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 6 })}`;
}

function usd(amount: number): string {
  return `$${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 3 })}`;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
