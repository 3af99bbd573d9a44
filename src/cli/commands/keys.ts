// `hokusai-auth keys create|list|get|rotate|revoke`: key management with the admin token.
import { API_KEY_ENV_CODES, type ApiKeyEnvCode } from '../../keys';
import type { CreateApiKeyParams, ListApiKeysParams } from '../../client';
import { clientFor } from '../client';
import type { Command, CommandGroup, CommandInput, OptionSpecs, OptionValues } from '../command';
import { formatCreatedKey, formatKeyInfo, formatKeyList } from '../format';
import { ADMIN_COMMAND_OPTIONS, flagOption, integerOption, listOption, requiredOption, stringOption } from '../options';
import { warnStoreKey, writeResult } from '../output';

/** The options of a new key, shared by `keys create` and `orgs keys create`. @example const options = { ...KEY_CREATE_OPTIONS }; */
export const KEY_CREATE_OPTIONS: OptionSpecs = {
  name: { type: 'string', value: '<name>', description: 'Name of the key, 1-100 characters (required)' },
  service: { type: 'string', value: '<service_id>', description: 'Service of the key: prediction or platform (required)' },
  scope: { type: 'string', multiple: true, value: '<scope>', description: 'A scope, e.g. predict; none = full access' },
  env: { type: 'string', value: '<environment>', description: 'production (live), test or development (dev)' },
  'expires-in-days': { type: 'string', value: '<days>', description: 'Expire after 1-365 days (default: never)' },
  'rate-limit': { type: 'string', value: '<n>', description: 'Successful validations per hour, 10-100000' },
  'monthly-limit': { type: 'string', value: '<n>', description: 'Predictions per month (default: no limit)' },
  'allowed-ip': { type: 'string', multiple: true, value: '<ip|cidr>', description: 'Allowed client IP or CIDR range; default any IP' },
  plan: { type: 'string', value: '<plan>', description: 'Billing plan (default: free)' },
};

const create: Command = {
  name: 'keys create',
  summary: 'Create an API key (the full key is printed once)',
  usage: '--name <name> --service <service_id> [options]',
  description:
    'Creates an API key and prints it once, with its details. Store it right away: it cannot be shown again.\n' +
    'Limits and defaults are the server\'s (rate limit 1000/hour, plan "free", environment production).',
  positionals: [],
  options: { ...KEY_CREATE_OPTIONS, ...ADMIN_COMMAND_OPTIONS },
  examples: [
    'hokusai-auth keys create --name "My First Key" --service prediction --scope predict --env test',
    'hokusai-auth keys create --name ci --service platform --allowed-ip 10.0.0.0/8 --expires-in-days 30 --json',
  ],
  async run({ values, io }) {
    const params = createKeyParams(values, this.name);
    const created = await clientFor(values, io, this.name).keys.create(params);
    writeResult(values, io, created, formatCreatedKey);
    warnStoreKey(io);
    return 0;
  },
};

const list: Command = {
  name: 'keys list',
  summary: 'List API keys, newest first (never the full keys)',
  usage: '[options]',
  description: 'Lists API keys, newest first, with their masked prefix. The full keys are never shown.',
  positionals: [],
  options: {
    service: { type: 'string', value: '<service_id>', description: 'Only keys of this service' },
    'active-only': { type: 'boolean', description: 'Only active keys that have not expired' },
    ...ADMIN_COMMAND_OPTIONS,
  },
  examples: ['hokusai-auth keys list', 'hokusai-auth keys list --service prediction --active-only --json'],
  async run({ values, io }) {
    const params: ListApiKeysParams = {};
    const service = stringOption(values, 'service');
    if (service !== undefined) params.service_id = service as ListApiKeysParams['service_id'];
    if (flagOption(values, 'active-only')) params.active_only = true;
    const keys = await clientFor(values, io, this.name).keys.list(params);
    writeResult(values, io, keys, formatKeyList);
    return 0;
  },
};

const get: Command = {
  name: 'keys get',
  summary: "Show one key's details",
  usage: '<key_id> [options]',
  description: "Shows one key's details. A revoked or rotated key is still shown, as not active.",
  positionals: ['key_id'],
  options: ADMIN_COMMAND_OPTIONS,
  examples: ['hokusai-auth keys get 550e8400-e29b-41d4-a716-446655440000'],
  async run(input) {
    const info = await clientFor(input.values, input.io, this.name).keys.get(keyId(input));
    writeResult(input.values, input.io, info, formatKeyInfo);
    return 0;
  },
};

const rotate: Command = {
  name: 'keys rotate',
  summary: 'Replace a key with a new one (printed once); the old one stops working',
  usage: '<key_id> [options]',
  description:
    'Revokes the key and creates a new one with the same configuration and a new key_id.\n' +
    'The new key is printed once: store it right away. The old key fails validation at once.',
  positionals: ['key_id'],
  options: ADMIN_COMMAND_OPTIONS,
  examples: ['hokusai-auth keys rotate 550e8400-e29b-41d4-a716-446655440000'],
  async run(input) {
    const created = await clientFor(input.values, input.io, this.name).keys.rotate(keyId(input));
    writeResult(input.values, input.io, created, formatCreatedKey);
    warnStoreKey(input.io);
    return 0;
  },
};

const revoke: Command = {
  name: 'keys revoke',
  summary: 'Revoke a key, permanently',
  usage: '<key_id> [options]',
  description: 'Revokes a key, permanently and at once for every later validation.',
  positionals: ['key_id'],
  options: ADMIN_COMMAND_OPTIONS,
  examples: ['hokusai-auth keys revoke 550e8400-e29b-41d4-a716-446655440000'],
  async run(input) {
    const id = keyId(input);
    const result = await clientFor(input.values, input.io, this.name).keys.revoke(id);
    writeResult(input.values, input.io, result, (data) => `${data.message}: ${id}\n`);
    return 0;
  },
};

/**
 * The body of a new key from the `keys create` options; a wrong value is a usage error.
 *
 * @example
 * const params = createKeyParams({ name: 'ci', service: 'platform' }, 'keys create');
 */
export function createKeyParams(values: OptionValues, command: string): CreateApiKeyParams {
  const params: CreateApiKeyParams = {
    name: requiredOption(values, 'name', command),
    service_id: requiredOption(values, 'service', command) as CreateApiKeyParams['service_id'],
  };
  const scopes = listOption(values, 'scope');
  if (scopes !== undefined) params.scopes = scopes;
  const env = stringOption(values, 'env');
  if (env !== undefined) params.environment = environmentName(env) as CreateApiKeyParams['environment'];
  const expires = integerOption(values, 'expires-in-days', command);
  if (expires !== undefined) params.expires_in_days = expires;
  const rateLimit = integerOption(values, 'rate-limit', command);
  if (rateLimit !== undefined) params.rate_limit_per_hour = rateLimit;
  const monthly = integerOption(values, 'monthly-limit', command);
  if (monthly !== undefined) params.monthly_prediction_limit = monthly;
  const ips = listOption(values, 'allowed-ip');
  if (ips !== undefined) params.allowed_ips = ips;
  const plan = stringOption(values, 'plan');
  if (plan !== undefined) params.billing_plan = plan;
  return params;
}

/** The `keys` command group. @example keysCommands.subcommands.length; // 5 */
export const keysCommands: CommandGroup = {
  name: 'keys',
  summary: 'Manage API keys',
  description: 'Creates, lists, shows, rotates and revokes API keys. Needs the admin token.',
  subcommands: [create, list, get, rotate, revoke],
};

function keyId(input: CommandInput): string {
  return input.positionals[0] ?? '';
}

// The short codes used inside keys (live/test/dev) are accepted too.
function environmentName(value: string): string {
  return Object.hasOwn(API_KEY_ENV_CODES, value) ? API_KEY_ENV_CODES[value as ApiKeyEnvCode] : value;
}
