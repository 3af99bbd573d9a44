// `hokusai-auth bans get|lift <ip>`: temporary registration bans (admin token).
import { clientFor } from '../client';
import type { Command, CommandGroup, CommandInput } from '../command';
import { formatBan } from '../format-registration';
import { ADMIN_COMMAND_OPTIONS } from '../options';
import { writeResult } from '../output';

const get: Command = {
  name: 'bans get',
  summary: 'Whether an IP is banned from registering, and until when',
  usage: '<ip> [options]',
  description: 'Shows whether <ip> is banned from registering after repeated rate-limit violations, until when, and its violations.',
  positionals: ['ip'],
  options: ADMIN_COMMAND_OPTIONS,
  examples: ['hokusai-auth bans get 203.0.113.7'],
  async run(input) {
    const ban = await clientFor(input.values, input.io, this.name).admin.bans.get(ipOf(input));
    writeResult(input.values, input.io, ban, formatBan);
    return 0;
  },
};

const lift: Command = {
  name: 'bans lift',
  summary: "Lift an IP's temporary ban",
  usage: '<ip> [options]',
  description: "Lifts <ip>'s ban and forgets its violations. An IP that is not banned is an error.",
  positionals: ['ip'],
  options: ADMIN_COMMAND_OPTIONS,
  examples: ['hokusai-auth bans lift 203.0.113.7'],
  async run(input) {
    const ip = ipOf(input);
    const result = await clientFor(input.values, input.io, this.name).admin.bans.lift(ip);
    writeResult(input.values, input.io, result, (data) => `${data.message}: ${ip}\n`);
    return 0;
  },
};

/** The `bans` command group. @example bansCommands.subcommands.length; // 2 */
export const bansCommands: CommandGroup = {
  name: 'bans',
  summary: 'Temporary registration bans of IPs',
  description: 'Shows and lifts the temporary bans that repeated registration rate-limit violations earn. Needs the admin token.',
  subcommands: [get, lift],
};

function ipOf(input: CommandInput): string {
  return input.positionals[0] ?? '';
}
