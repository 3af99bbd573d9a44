// `hokusai-auth balance get|set <owner>`: an owner's prepaid balance on a local stub server,
// through its test controls (`npm start -- --test-controls`, admin token).
import { controlsRequest } from '../controls-request';
import type { Command, CommandGroup, OptionValues } from '../command';
import type { CliIo } from '../io';
import { formatBalance } from '../format';
import { ADMIN_COMMAND_OPTIONS, stringOption } from '../options';
import { writeResult } from '../output';
import { UsageError } from '../usage-error';

interface Balance {
  owner: string;
  settled: number;
  pending: number;
}

const get: Command = {
  name: 'balance get',
  summary: "An owner's settled and pending balance",
  usage: '<owner> [options]',
  description:
    "Shows the prepaid balance of an owner (a key's user_id, or its organization) on a local stub\n" +
    'server started with --test-controls: settled USD (spendable) and pending USD (not yet).',
  positionals: ['owner'],
  options: ADMIN_COMMAND_OPTIONS,
  examples: ['hokusai-auth balance get admin --url http://127.0.0.1:8787'],
  async run({ values, positionals, io }) {
    const balance = await balanceRequest(values, io, this.name, ownerOf(positionals, this.name));
    writeResult(values, io, balance, formatBalance);
    return 0;
  },
};

const set: Command = {
  name: 'balance set',
  summary: "Set an owner's balance (local server only)",
  usage: '<owner> [--settled <usd>] [--pending <usd>] [options]',
  description:
    "Sets the settled and/or pending USD of an owner on a local stub server started with\n" +
    '--test-controls, e.g. to test how a service answers when credit runs out. A part left out\n' +
    'keeps its value. Refused for any server that is not on this machine.',
  positionals: ['owner'],
  options: {
    settled: { type: 'string', value: '<usd>', description: 'Spendable USD (e.g. 0 or 12.5)' },
    pending: { type: 'string', value: '<usd>', description: 'USD not yet spendable' },
    ...ADMIN_COMMAND_OPTIONS,
  },
  examples: ['hokusai-auth balance set admin --settled 0 --pending 5 --url http://127.0.0.1:8787'],
  async run({ values, positionals, io }) {
    const owner = ownerOf(positionals, this.name);
    const update: Partial<Balance> = {};
    for (const part of ['settled', 'pending'] as const) {
      const amount = usdOption(values, part, this.name);
      if (amount !== undefined) update[part] = amount;
    }
    if (Object.keys(update).length === 0) throw new UsageError('Give --settled and/or --pending', this.name);
    const balance = await balanceRequest(values, io, this.name, owner, update);
    writeResult(values, io, balance, formatBalance);
    return 0;
  },
};

/** The `balance` command group. @example balanceCommands.subcommands.length; // 2 */
export const balanceCommands: CommandGroup = {
  name: 'balance',
  summary: 'Prepaid balances on a local server',
  description: "Read and set an owner's prepaid balance on a local stub server started with --test-controls.",
  subcommands: [get, set],
};

function ownerOf(positionals: readonly string[], command: string): string {
  const owner = positionals[0];
  if (!owner) throw new UsageError('Missing <owner> (a user_id, e.g. admin)', command);
  return owner;
}

function usdOption(values: OptionValues, name: string, command: string): number | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  const amount = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(amount) || amount < 0) {
    throw new UsageError(`--${name} must be a number of USD of at least 0 (got ${JSON.stringify(text)})`, command);
  }
  return amount;
}

/** GET (or POST with `update`) `/__hokusai/balances/{owner}`; a change only to a server on this machine. */
function balanceRequest(values: OptionValues, io: CliIo, command: string, owner: string, update?: Partial<Balance>): Promise<Balance> {
  return controlsRequest<Balance>(values, io, command, {
    path: `balances/${encodeURIComponent(owner)}`,
    body: update,
    notFound: 'No balances here: the server must be a local stub started with --test-controls',
  });
}
