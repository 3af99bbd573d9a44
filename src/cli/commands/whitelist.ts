// `hokusai-auth whitelist list|add|enable|disable|remove`: IPs and email domains that bypass
// the registration rate limits (admin token).
import type { NewWhitelistEntry } from '../../platform/types';
import { clientFor } from '../client';
import type { Command, CommandGroup, CommandInput } from '../command';
import { formatWhitelist, formatWhitelistEntry } from '../format-registration';
import { ADMIN_COMMAND_OPTIONS, stringOption } from '../options';
import { writeResult } from '../output';
import { UsageError } from '../usage-error';

const list: Command = {
  name: 'whitelist list',
  summary: 'List whitelist entries',
  usage: '[options]',
  description: 'Lists every whitelist entry, oldest first.',
  positionals: [],
  options: ADMIN_COMMAND_OPTIONS,
  examples: ['hokusai-auth whitelist list'],
  async run({ values, io }) {
    const entries = await clientFor(values, io, this.name).admin.whitelist.list().toArray();
    writeResult(values, io, entries, formatWhitelist);
    return 0;
  },
};

const add: Command = {
  name: 'whitelist add',
  summary: 'Whitelist an IP or an email domain',
  usage: '(--ip <address> | --domain <domain>) [--note <text>] [--disabled] [options]',
  description: 'Adds an entry: submissions from the IP, or with an email of the domain, bypass the rate limits and bans.',
  positionals: [],
  options: {
    ip: { type: 'string', value: '<address>', description: 'An IPv4 or IPv6 address' },
    domain: { type: 'string', value: '<domain>', description: 'An email domain, e.g. acme.ai' },
    note: { type: 'string', value: '<text>', description: 'Why it is there' },
    disabled: { type: 'boolean', description: 'Add it switched off' },
    ...ADMIN_COMMAND_OPTIONS,
  },
  examples: ['hokusai-auth whitelist add --domain acme.ai --note "Partner"', 'hokusai-auth whitelist add --ip 203.0.113.7'],
  async run({ values, io }) {
    const ip = stringOption(values, 'ip');
    const domain = stringOption(values, 'domain');
    if ((ip === undefined) === (domain === undefined)) throw new UsageError('Give exactly one of --ip or --domain', this.name);
    const entry: NewWhitelistEntry = ip !== undefined ? { type: 'ip', value: ip } : { type: 'domain', value: domain! };
    const note = stringOption(values, 'note');
    if (note !== undefined) entry.note = note;
    if (values.disabled === true) entry.enabled = false;
    const created = await clientFor(values, io, this.name).admin.whitelist.add(entry);
    writeResult(values, io, created, formatWhitelistEntry);
    return 0;
  },
};

const enable = toggle('enable', 'Switch an entry back on');
const disable = toggle('disable', 'Switch an entry off (kept, no longer bypassing)');

const remove: Command = {
  name: 'whitelist remove',
  summary: 'Delete a whitelist entry',
  usage: '<id> [options]',
  description: 'Deletes a whitelist entry.',
  positionals: ['id'],
  options: ADMIN_COMMAND_OPTIONS,
  examples: ['hokusai-auth whitelist remove 0c1d2e3f-4a5b-4c6d-8e7f-a0b1c2d3e4f5'],
  async run(input) {
    const id = idOf(input);
    const result = await clientFor(input.values, input.io, this.name).admin.whitelist.remove(id);
    writeResult(input.values, input.io, result, (data) => `${data.message}: ${id}\n`);
    return 0;
  },
};

/** The `whitelist` command group. @example whitelistCommands.subcommands.length; // 5 */
export const whitelistCommands: CommandGroup = {
  name: 'whitelist',
  summary: 'IPs and domains that bypass the registration limits',
  description: 'Lists, adds, enables, disables and removes registration whitelist entries. Needs the admin token.',
  subcommands: [list, add, enable, disable, remove],
};

function toggle(action: 'enable' | 'disable', summary: string): Command {
  return {
    name: `whitelist ${action}`,
    summary,
    usage: '<id> [options]',
    description: `${summary}.`,
    positionals: ['id'],
    options: ADMIN_COMMAND_OPTIONS,
    examples: [`hokusai-auth whitelist ${action} 0c1d2e3f-4a5b-4c6d-8e7f-a0b1c2d3e4f5`],
    async run(input) {
      const entry = await clientFor(input.values, input.io, this.name).admin.whitelist[action](idOf(input));
      writeResult(input.values, input.io, entry, formatWhitelistEntry);
      return 0;
    },
  };
}

function idOf(input: CommandInput): string {
  return input.positionals[0] ?? '';
}
