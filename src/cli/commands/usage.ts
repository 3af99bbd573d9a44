// `hokusai-auth usage stats|billing <key_id>`: usage reports with the admin token.
import type { UsageStatsParams } from '../../client';
import { clientFor } from '../client';
import type { Command, CommandGroup } from '../command';
import { formatBilling, formatStats } from '../format';
import { ADMIN_COMMAND_OPTIONS, stringOption } from '../options';
import { writeResult } from '../output';

const stats: Command = {
  name: 'usage stats',
  summary: "One month of a key's usage",
  usage: '<key_id> [options]',
  description: "Shows one UTC month of a key's usage: requests, predictions, compute, response time, error rate, top endpoints.",
  positionals: ['key_id'],
  options: {
    period: { type: 'string', value: '<YYYY-MM>', description: 'The month (default: the current UTC month)' },
    ...ADMIN_COMMAND_OPTIONS,
  },
  examples: ['hokusai-auth usage stats 550e8400-e29b-41d4-a716-446655440000 --period 2025-01'],
  async run({ values, positionals, io }) {
    const params: UsageStatsParams = {};
    const period = stringOption(values, 'period');
    if (period !== undefined) params.period = period;
    const result = await clientFor(values, io, this.name).usage.stats(positionals[0] ?? '', params);
    writeResult(values, io, result, formatStats);
    return 0;
  },
};

const billing: Command = {
  name: 'usage billing',
  summary: "The current month's billing of a key",
  usage: '<key_id> [options]',
  description: "Shows the current UTC month's billing of a key: usage, monthly limit, overage charges, next billing date.",
  positionals: ['key_id'],
  options: ADMIN_COMMAND_OPTIONS,
  examples: ['hokusai-auth usage billing 550e8400-e29b-41d4-a716-446655440000 --json'],
  async run({ values, positionals, io }) {
    const result = await clientFor(values, io, this.name).usage.billing(positionals[0] ?? '');
    writeResult(values, io, result, formatBilling);
    return 0;
  },
};

/** The `usage` command group. @example usageCommands.subcommands.length; // 2 */
export const usageCommands: CommandGroup = {
  name: 'usage',
  summary: 'Usage and billing reports',
  description: 'Usage and billing reports of a key. Needs the admin token.',
  subcommands: [stats, billing],
};
