import type { components } from '../../../generated/schema';

/**
 * One invalid input field, as named in `errors` of a 400 answer (the spec's `FieldError`).
 *
 * @example
 * const problem: FieldError = { field: 'name', message: 'Must be at most 100 characters' };
 */
export type FieldError = components['schemas']['FieldError'];

/** The parts of a zod 4 issue read here. */
interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  format?: string;
  expected?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  values?: unknown[];
}

/** Messages for fields whose spec rule is a long regular expression nobody should have to read. */
const PATTERN_MESSAGES: [RegExp, string][] = [
  [/^allowed_ips\.\d+$/, 'Must be an IPv4/IPv6 address or CIDR range (e.g. 10.0.0.0/8, 2001:db8::/32)'],
  [/^api_key$/, 'Must be an API key (hk_{env}_ followed by 32 letters or digits)'],
  [/^period$/, 'Must be a month in the form YYYY-MM'],
  [/^website_url$/, 'Must be an http(s) URL such as https://acme.ai'],
  [/^(organization_name|contact_name|use_case)$/, 'Must not be blank'],
  [/^wallet_address$/, 'Must be a 0x-prefixed 20-byte hex address'],
  [/^signature$/, 'Must be a 0x-prefixed 65-byte hex signature'],
];

const FORMAT_MESSAGES: Record<string, string> = {
  uuid: 'Must be a UUID',
  email: 'Must be an email address',
  url: 'Must be an http(s) URL such as https://acme.ai',
  datetime: 'Must be an ISO 8601 date-time in UTC (e.g. 2025-01-15T10:30:00Z)',
};

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  array: 'an array',
  object: 'a JSON object',
};

/**
 * The one vocabulary of every 400: zod issues as `{field, message}` pairs, with dotted paths
 * (`allowed_ips.0`), "Field required" for a missing field, one "Unknown field" per unexpected
 * key, and readable texts for limits, choices and patterns. The input value is never echoed (it
 * may be a secret). `root` names the whole input (`body`, `query`).
 *
 * @example
 * issuesToFieldErrors(schema.safeParse(body).error.issues, body);
 * // [{ field: 'name', message: 'Must be at most 100 characters' }]
 */
export function issuesToFieldErrors(issues: readonly Issue[], input: unknown, root = 'body'): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const field = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys ?? []) errors.push({ field: field ? `${field}.${key}` : key, message: 'Unknown field' });
      continue;
    }
    errors.push({ field: field || root, message: messageFor(issue, field, input) });
  }
  return errors;
}

function messageFor(issue: Issue, field: string, input: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (valueAt(input, issue.path) === undefined) return 'Field required';
      return `Must be ${TYPE_NAMES[issue.expected ?? ''] ?? `a valid ${issue.expected ?? 'value'}`}`;
    case 'too_small':
      return limitMessage('at least', issue.origin, issue.minimum);
    case 'too_big':
      return limitMessage('at most', issue.origin, issue.maximum);
    case 'invalid_value':
      return issue.values && issue.values.length > 0 ? `Must be one of: ${issue.values.map(String).join(', ')}` : issue.message;
    case 'invalid_format': {
      if (issue.format === 'regex') return PATTERN_MESSAGES.find(([pattern]) => pattern.test(field))?.[1] ?? 'Has an invalid format';
      return FORMAT_MESSAGES[issue.format ?? ''] ?? `Must be a valid ${issue.format ?? 'value'}`;
    }
    default:
      return issue.message;
  }
}

function limitMessage(bound: 'at least' | 'at most', origin: string | undefined, limit: number | bigint | undefined): string {
  const value = String(limit);
  if (origin === 'string') return `Must be ${bound} ${value} character${value === '1' ? '' : 's'} long`;
  if (origin === 'array' || origin === 'set') return `Must have ${bound} ${value} item${value === '1' ? '' : 's'}`;
  // Numbers: zod reports a safe-integer bound for an integer too large to be exact.
  if (typeof limit === 'number' && Math.abs(limit) >= Number.MAX_SAFE_INTEGER) return 'Must be a safe integer';
  return `Must be ${bound} ${value}`;
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let value = input;
  for (const part of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}
