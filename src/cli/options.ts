// Options shared by the commands that call the API, and the helpers that read option values.
import type { OptionSpecs, OptionValues } from './command';
import { UsageError } from './usage-error';

/** `--url`: every API command has it. @example const options = { ...URL_OPTION }; */
export const URL_OPTION: OptionSpecs = {
  url: {
    type: 'string',
    value: '<url>',
    description: 'Base URL of the auth service (default: $HOKUSAI_AUTH_URL, else https://auth.hokus.ai)',
  },
};

/** `--admin-token`: the key-management and usage-report commands. @example const options = { ...ADMIN_TOKEN_OPTION }; */
export const ADMIN_TOKEN_OPTION: OptionSpecs = {
  'admin-token': {
    type: 'string',
    value: '<token>',
    description: 'Admin token (default: $HOKUSAI_ADMIN_TOKEN; prefer the variable, flags show in process lists)',
  },
};

/** `--access-token`: the organization commands. @example const options = { ...ACCESS_TOKEN_OPTION }; */
export const ACCESS_TOKEN_OPTION: OptionSpecs = {
  'access-token': {
    type: 'string',
    value: '<jwt>',
    description: 'Access token from sign-in (default: $HOKUSAI_ACCESS_TOKEN; prefer the variable, flags show in process lists)',
  },
};

/** `--json` and `--help`: every command. @example const options = { ...OUTPUT_OPTIONS }; */
export const OUTPUT_OPTIONS: OptionSpecs = {
  json: { type: 'boolean', description: "Print the API's JSON response as is" },
  help: { type: 'boolean', short: 'h', description: 'Show this help' },
};

/** Everything an admin command accepts besides its own options. @example const options = { ...ADMIN_COMMAND_OPTIONS }; */
export const ADMIN_COMMAND_OPTIONS: OptionSpecs = { ...URL_OPTION, ...ADMIN_TOKEN_OPTION, ...OUTPUT_OPTIONS };

/** Everything an organization command accepts besides its own options. @example const options = { ...ORG_COMMAND_OPTIONS }; */
export const ORG_COMMAND_OPTIONS: OptionSpecs = { ...URL_OPTION, ...ACCESS_TOKEN_OPTION, ...OUTPUT_OPTIONS };

/** The value of a string option, if given. @example stringOption({ name: 'k' }, 'name'); // 'k' */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** The value of a boolean option (false when absent). @example flagOption({ json: true }, 'json'); // true */
export function flagOption(values: OptionValues, name: string): boolean {
  return values[name] === true;
}

/**
 * Every value of a repeatable option; each may also be a comma-separated list
 * (`--scope predict --scope read` = `--scope predict,read`). `undefined` when never given.
 *
 * @example
 * listOption({ scope: ['predict', 'read,write'] }, 'scope'); // ['predict', 'read', 'write']
 */
export function listOption(values: OptionValues, name: string): string[] | undefined {
  const value = values[name];
  if (value === undefined || typeof value === 'boolean') return undefined;
  const items = (Array.isArray(value) ? value : [value]).flatMap((item) => item.split(','));
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

/**
 * A whole-number option, or `undefined` when not given; anything else is a usage error.
 *
 * @example
 * integerOption({ 'rate-limit': '500' }, 'rate-limit', 'keys create'); // 500
 */
export function integerOption(values: OptionValues, name: string, command: string): number | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  const number = Number(trimmed);
  if (!/^[+-]?\d+$/.test(trimmed) || !Number.isSafeInteger(number)) {
    throw new UsageError(`--${name} must be a whole number (got ${JSON.stringify(text)})`, command);
  }
  return number;
}

/** A string option the command cannot do without. @example requiredOption({ name: 'k' }, 'name', 'keys create'); // 'k' */
export function requiredOption(values: OptionValues, name: string, command: string): string {
  const value = stringOption(values, name);
  if (value === undefined || value.trim() === '') throw new UsageError(`Missing required option --${name}`, command);
  return value;
}
