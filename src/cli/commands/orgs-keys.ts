// `hokusai-auth orgs keys create|list|revoke`: API keys of an organization.
import { clientFor } from '../client';
import type { Command, CommandGroup } from '../command';
import { formatOrganizationKeyCreated, formatOrganizationKeys } from '../format-orgs';
import { flagOption, ORG_COMMAND_OPTIONS } from '../options';
import { warnStoreKey, writeResult } from '../output';
import { PAGE_OPTIONS, pageParams, writePages } from '../pages';
import { createKeyParams, KEY_CREATE_OPTIONS } from './keys';

const create: Command = {
  name: 'orgs keys create',
  summary: 'Create an organization API key (developer or above; printed once)',
  usage: '<org_id> --name <name> --service <service_id> [options]',
  description:
    'Creates an API key of the organization and prints it once. It works like any key (format,\n' +
    'validation, usage) and also carries the organization and its creator. Store it right away.',
  positionals: ['org_id'],
  options: { ...KEY_CREATE_OPTIONS, ...ORG_COMMAND_OPTIONS },
  examples: ['hokusai-auth orgs keys create <org_id> --name "Team Prediction Key" --service prediction --scope predict'],
  async run({ values, positionals, io }) {
    const params = createKeyParams(values, this.name);
    const created = await clientFor(values, io, this.name).organizations.keys.create(positionals[0] ?? '', params);
    writeResult(values, io, created, formatOrganizationKeyCreated);
    warnStoreKey(io);
    return 0;
  },
};

const list: Command = {
  name: 'orgs keys list',
  summary: "List an organization's API keys (never the full keys)",
  usage: '<org_id> [options]',
  description: "Lists the organization's API keys, newest first, with their masked prefix and creator. Any member may.",
  positionals: ['org_id'],
  options: { 'active-only': { type: 'boolean', description: 'Only active keys that have not expired' }, ...PAGE_OPTIONS, ...ORG_COMMAND_OPTIONS },
  examples: ['hokusai-auth orgs keys list <org_id>', 'hokusai-auth orgs keys list <org_id> --active-only --json'],
  async run({ values, positionals, io }) {
    const params = { ...pageParams(values, this.name), ...(flagOption(values, 'active-only') && { active_only: true }) };
    const auth = clientFor(values, io, this.name);
    await writePages(values, io, auth.organizations.keys.list(positionals[0] ?? '', params), formatOrganizationKeys);
    return 0;
  },
};

const revoke: Command = {
  name: 'orgs keys revoke',
  summary: 'Revoke an organization API key (developers: their own keys)',
  usage: '<org_id> <key_id> [options]',
  description: 'Revokes a key of the organization, permanently. Admins and owners revoke any key, developers the keys they created.',
  positionals: ['org_id', 'key_id'],
  options: ORG_COMMAND_OPTIONS,
  examples: ['hokusai-auth orgs keys revoke <org_id> <key_id>'],
  async run({ values, positionals, io }) {
    const [orgId = '', keyId = ''] = positionals;
    const result = await clientFor(values, io, this.name).organizations.keys.revoke(orgId, keyId);
    writeResult(values, io, result, (data) => `${data.message}: ${keyId}\n`);
    return 0;
  },
};

/** The `orgs keys` group. @example orgsKeysCommands.subcommands.length; // 3 */
export const orgsKeysCommands: CommandGroup = {
  name: 'orgs keys',
  summary: 'API keys of an organization',
  description: 'Creates, lists and revokes the API keys of an organization. Needs an access token.',
  subcommands: [create, list, revoke],
};
