import type { FieldError } from '../engine/errors';

/** The parts of a zod issue used here (zod 4). */
interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  format?: string;
}

/** Messages for fields whose schema is a long regular expression nobody should have to read. */
const FORMAT_MESSAGES: [RegExp, string][] = [
  [/^allowed_ips\.\d+$/, 'Must be an IPv4/IPv6 address or CIDR range (e.g. 10.0.0.0/8, 2001:db8::/32)'],
  [/^api_key$/, 'Must be an API key (hk_{env}_ followed by 32 letters or digits)'],
  [/^wallet_address$/, 'Must be a 0x-prefixed 20-byte hex address'],
  [/^signature$/, 'Must be a 0x-prefixed 65-byte hex signature'],
];

/**
 * Turns zod issues into `{field, message}` pairs: dotted paths (`allowed_ips.0`), "Field
 * required" for a missing field, one "Unknown field" entry per unexpected key, and readable
 * texts instead of raw patterns. The input value is never echoed (it may be a secret).
 */
export function issuesToFieldErrors(issues: readonly Issue[], input: unknown): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const field = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys ?? []) errors.push({ field: field ? `${field}.${key}` : key, message: 'Unknown field' });
      continue;
    }
    errors.push({ field: field || 'body', message: messageFor(issue, field, input) });
  }
  return errors;
}

function messageFor(issue: Issue, field: string, input: unknown): string {
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) return 'Field required';
  if (issue.code === 'invalid_format' && issue.format === 'regex') {
    const friendly = FORMAT_MESSAGES.find(([pattern]) => pattern.test(field));
    return friendly ? friendly[1] : 'Has an invalid format';
  }
  return issue.message;
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let value = input;
  for (const part of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}
