// The CLI's dispatcher: finds the command, handles help and version, parses the arguments,
// runs the command and maps every failure to an exit status.
import { SERVER_VERSION } from '../server/version';
import type { Command, CommandGroup, OptionSpecs, TopLevelCommand } from './command';
import { isGroup, isRaw, runnableCommands } from './command';
import { COMMANDS } from './commands';
import { commandHelp, groupHelp, topHelp } from './help';
import type { CliIo } from './io';
import { ADMIN_COMMAND_OPTIONS } from './options';
import { firstPositionalIndex, parseCommandArgs, wantsHelp, without } from './parse';
import { reportError } from './report-error';
import { UsageError } from './usage-error';

const VERSION = SERVER_VERSION;

/** Options that may come before the command name (`hokusai-auth --json keys list`). */
const LEADING_OPTIONS: OptionSpecs = { ...ADMIN_COMMAND_OPTIONS, version: { type: 'boolean', description: '' } };

/**
 * Runs the CLI with `argv` (without `node` and the script) and returns the exit status:
 * 0 success, 1 API error (or a key that is not valid), 2 usage error.
 *
 * @example
 * const code = await runCli(['keys', 'list', '--json'], io);
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch([...argv], io);
  } catch (error) {
    return reportError(error, io);
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const index = firstPositionalIndex(argv, LEADING_OPTIONS);
  if (index === -1) {
    if (argv.includes('--version')) return print(io, `${VERSION}\n`);
    if (wantsHelp(argv)) return print(io, topHelp(COMMANDS, VERSION));
    io.stderr(topHelp(COMMANDS, VERSION));
    throw new UsageError('Missing command');
  }
  const name = argv[index] ?? '';
  const rest = without(argv, index);
  if (name === 'help') return help(rest, io);
  const command = find(name);
  if (isRaw(command)) return command.run(rest, io);
  if (isGroup(command)) return runGroup(command, rest, io);
  return runCommand(command, rest, io);
}

async function runGroup(group: CommandGroup, args: string[], io: CliIo): Promise<number> {
  const index = firstPositionalIndex(args, groupOptions(group));
  if (index === -1) {
    if (wantsHelp(args)) return print(io, groupHelp(group));
    throw new UsageError(`Missing subcommand: ${group.subcommands.map(subName).join(', ')}`, group.name);
  }
  const sub = findSub(group, args[index] ?? '');
  const rest = without(args, index);
  return isGroup(sub) ? runGroup(sub, rest, io) : runCommand(sub, rest, io);
}

async function runCommand(command: Command, args: string[], io: CliIo): Promise<number> {
  if (wantsHelp(args)) return print(io, commandHelp(command));
  const { values, positionals } = parseCommandArgs(command, args);
  return command.run({ values, positionals, io });
}

/** `hokusai-auth help [command [subcommand ...]]`. */
async function help(args: string[], io: CliIo): Promise<number> {
  const [name, ...subs] = args.filter((arg) => !arg.startsWith('-'));
  if (name === undefined) return print(io, topHelp(COMMANDS, VERSION));
  let command: TopLevelCommand = find(name);
  if (isRaw(command)) return print(io, await command.help());
  for (const sub of subs) if (isGroup(command)) command = findSub(command, sub);
  return print(io, isGroup(command) ? groupHelp(command) : commandHelp(command as Command));
}

function find(name: string): TopLevelCommand {
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    throw new UsageError(`Unknown command ${JSON.stringify(name)}. Commands: ${COMMANDS.map((c) => c.name).join(', ')}`);
  }
  return command;
}

function findSub(group: CommandGroup, name: string): Command | CommandGroup {
  const command = group.subcommands.find((candidate) => subName(candidate) === name);
  if (!command) {
    throw new UsageError(
      `Unknown subcommand ${JSON.stringify(`${group.name} ${name}`)}. Subcommands: ${group.subcommands.map(subName).join(', ')}`,
      group.name,
    );
  }
  return command;
}

/** `create` for `keys create`, `keys` for the group `orgs keys`: the last word of the name. */
function subName(command: Command | CommandGroup): string {
  return command.name.split(' ').at(-1) ?? '';
}

/** Every option of a group's subcommands, so their values are not taken for a subcommand name. */
function groupOptions(group: CommandGroup): OptionSpecs {
  return Object.assign({}, ...runnableCommands(group).map((command) => command.options)) as OptionSpecs;
}

function print(io: CliIo, text: string): number {
  io.stdout(text);
  return 0;
}
