import { invalidInput } from './errors';
import type { FieldError } from './errors';
import { parseAllowEntry } from './ip';
import type { CreateKeyInput, KeyEnvironment, ServiceId, UsageRecordInput } from './types';

/**
 * The limits of api.md §2 and §4 in one place.
 *
 * @example
 * LIMITS.rateLimitPerHour; // { min: 10, max: 100000, default: 1000 }
 */
export const LIMITS = {
  nameLength: { min: 1, max: 100 },
  expiresInDays: { min: 1, max: 365 },
  rateLimitPerHour: { min: 10, max: 100_000, default: 1000 },
  monthlyPredictionLimit: { min: 1 },
  maxScopes: 100,
  maxAllowedIps: 100,
  textLength: 200,
  statusCode: { min: 100, max: 599 },
  /** Bounds of one usage record (spec: RecordUsageRequest), so monthly totals stay exact. */
  usageEndpointLength: 200,
  usagePredictionsCount: 1_000_000,
  usageDurationMs: 86_400_000,
} as const;

export const SERVICE_IDS: readonly ServiceId[] = ['prediction', 'platform'];
export const ENVIRONMENTS: readonly KeyEnvironment[] = ['production', 'test', 'development'];
/** Other names the validation endpoint accepts for a service. */
export const SERVICE_ALIASES: Readonly<Record<string, ServiceId>> = { website: 'platform', 'ml-platform': 'platform' };

const CREATE_FIELDS = [
  'name',
  'service_id',
  'scopes',
  'environment',
  'expires_in_days',
  'rate_limit_per_hour',
  'monthly_prediction_limit',
  'allowed_ips',
  'billing_plan',
];
const USAGE_FIELDS = ['service_id', 'endpoint', 'status_code', 'response_time_ms', 'predictions_count', 'compute_ms'];

/** A create request with every default applied. */
export interface KeyConfig {
  name: string;
  service_id: ServiceId;
  scopes: string[];
  environment: KeyEnvironment;
  expires_in_days: number | null;
  rate_limit_per_hour: number;
  monthly_prediction_limit: number | null;
  allowed_ips: string[] | null;
  billing_plan: string;
}

/**
 * Checks a create request against the domain rules and applies the defaults. The HTTP layer
 * checks the wire schema first; this also guards callers that use the engine directly.
 */
export function checkCreateInput(input: unknown): KeyConfig {
  const body = asRecord(input);
  const errors: FieldError[] = unknownFields(body, CREATE_FIELDS);
  const field = <T>(name: string, check: (value: unknown) => T | FieldProblem, fallback: T, isRequired = false): T => {
    const value = body[name];
    if (value === undefined || (isRequired && value === null)) {
      if (isRequired) errors.push({ field: name, message: 'Field required' });
      return fallback;
    }
    const result = check(value);
    if (result instanceof FieldProblem) {
      errors.push({ field: result.path ? `${name}.${result.path}` : name, message: result.message });
      return fallback;
    }
    return result;
  };
  const config: KeyConfig = {
    name: field('name', textOf(LIMITS.nameLength.min, LIMITS.nameLength.max), '', true),
    service_id: field('service_id', oneOf(SERVICE_IDS), 'prediction', true),
    scopes: field('scopes', nullableOr(stringList(LIMITS.maxScopes), []), []),
    environment: field('environment', nullableOr(oneOf(ENVIRONMENTS), 'production'), 'production'),
    expires_in_days: field('expires_in_days', nullableOr(integerIn(LIMITS.expiresInDays.min, LIMITS.expiresInDays.max), null), null),
    rate_limit_per_hour: field(
      'rate_limit_per_hour',
      nullableOr(integerIn(LIMITS.rateLimitPerHour.min, LIMITS.rateLimitPerHour.max), LIMITS.rateLimitPerHour.default),
      LIMITS.rateLimitPerHour.default,
    ),
    monthly_prediction_limit: field(
      'monthly_prediction_limit',
      nullableOr(integerIn(LIMITS.monthlyPredictionLimit.min, Number.MAX_SAFE_INTEGER), null),
      null,
    ),
    allowed_ips: field('allowed_ips', nullableOr(allowList, null), null),
    billing_plan: field('billing_plan', nullableOr(textOf(1, LIMITS.textLength), 'free'), 'free'),
  };
  if (errors.length > 0) throw invalidInput(errors);
  return config;
}

/** A usage record with defaults applied. */
export type UsageConfig = Required<{ [K in keyof UsageRecordInput]: NonNullable<UsageRecordInput[K]> }>;

/** Checks a usage record body and applies the defaults (`predictions_count`, `compute_ms` = 0). */
export function checkUsageInput(input: unknown): UsageConfig {
  const body = asRecord(input);
  const errors: FieldError[] = unknownFields(body, USAGE_FIELDS);
  const field = (name: keyof UsageRecordInput, check: (value: unknown) => unknown, fallback?: unknown) => {
    const value = body[name];
    if (value === undefined || value === null) {
      if (fallback === undefined) errors.push({ field: name, message: 'Field required' });
      return fallback;
    }
    const result = check(value);
    if (result instanceof FieldProblem) errors.push({ field: name, message: result.message });
    return result;
  };
  const config = {
    service_id: field('service_id', textOf(1, LIMITS.textLength)),
    endpoint: field('endpoint', textOf(1, LIMITS.usageEndpointLength)),
    status_code: field('status_code', integerIn(LIMITS.statusCode.min, LIMITS.statusCode.max)),
    response_time_ms: field('response_time_ms', integerIn(0, LIMITS.usageDurationMs)),
    predictions_count: field('predictions_count', integerIn(0, LIMITS.usagePredictionsCount), 0),
    compute_ms: field('compute_ms', integerIn(0, LIMITS.usageDurationMs), 0),
  };
  if (errors.length > 0) throw invalidInput(errors);
  return config as UsageConfig;
}

/** Maps `website`/`ml-platform` to `platform`; other names stay as they are. */
export function canonicalService(serviceId: string): string {
  return SERVICE_ALIASES[serviceId] ?? serviceId;
}

/** Marks a failed check; `path` is appended to the field name (e.g. `allowed_ips.2`). */
class FieldProblem {
  constructor(
    readonly message: string,
    readonly path = '',
  ) {}
}

/** The API rejects fields it does not know in create and usage bodies (a typo should not pass silently). */
function unknownFields(body: Record<string, unknown>, known: readonly string[]): FieldError[] {
  return Object.keys(body)
    .filter((name) => !known.includes(name))
    .map((name) => ({ field: name, message: 'Unknown field' }));
}

function asRecord(input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalidInput([{ field: 'body', message: 'Must be a JSON object' }], 'Request body must be a JSON object');
  }
  return input as Record<string, unknown>;
}

function textOf(min: number, max: number) {
  return (value: unknown): string | FieldProblem =>
    typeof value === 'string' && value.length >= min && value.length <= max
      ? value
      : new FieldProblem(`Must be a string of ${min} to ${max} characters`);
}

function oneOf<T extends string>(allowed: readonly T[]) {
  return (value: unknown): T | FieldProblem =>
    typeof value === 'string' && (allowed as readonly string[]).includes(value)
      ? (value as T)
      : new FieldProblem(`Must be one of: ${allowed.join(', ')}`);
}

function integerIn(min: number, max: number) {
  return (value: unknown): number | FieldProblem =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
      ? value
      : new FieldProblem(
          max === Number.MAX_SAFE_INTEGER ? `Must be an integer of at least ${min}` : `Must be an integer between ${min} and ${max}`,
        );
}

function nullableOr<T, D>(check: (value: unknown) => T | FieldProblem, whenNull: D) {
  return (value: unknown): T | D | FieldProblem => (value === null ? whenNull : check(value));
}

function stringList(maxItems: number) {
  return (value: unknown): string[] | FieldProblem => {
    if (!Array.isArray(value) || value.length > maxItems) {
      return new FieldProblem(`Must be an array of at most ${maxItems} strings`);
    }
    const bad = value.findIndex((item) => typeof item !== 'string' || item.length > LIMITS.textLength);
    return bad === -1 ? [...(value as string[])] : new FieldProblem(`Must be a string of at most ${LIMITS.textLength} characters`, String(bad));
  };
}

function allowList(value: unknown): string[] | FieldProblem {
  if (!Array.isArray(value) || value.length > LIMITS.maxAllowedIps) {
    return new FieldProblem(`Must be an array of at most ${LIMITS.maxAllowedIps} IP addresses or CIDR ranges`);
  }
  const bad = value.findIndex((item) => typeof item !== 'string' || parseAllowEntry(item) === undefined);
  return bad === -1
    ? [...(value as string[])]
    : new FieldProblem('Must be an IPv4/IPv6 address or CIDR range (e.g. 10.0.0.0/8, 2001:db8::/32)', String(bad));
}
