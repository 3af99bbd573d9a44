import type { CliIo } from './io';

/** One option of a command: how `parseArgs` reads it and how help describes it. @example const period: OptionSpec = { type: 'string', value: '<YYYY-MM>', description: 'The month' }; */
export interface OptionSpec {
  type: 'string' | 'boolean';
  /** Repeatable: every occurrence is kept (string options only). */
  multiple?: boolean;
  short?: string;
  /** Placeholder shown in help, e.g. `<name>`. */
  value?: string;
  description: string;
}

/** A command's options by long name. @example const options: OptionSpecs = { json: { type: 'boolean', description: 'JSON' } }; */
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** What a parsed option set looks like to a command. @example const values: OptionValues = { json: true, scope: ['predict'] }; */
export type OptionValues = Record<string, string | boolean | string[] | undefined>;

/** What a command receives once its arguments are parsed. @example const code = await command.run({ values, positionals, io }); */
export interface CommandInput {
  values: OptionValues;
  positionals: string[];
  io: CliIo;
}

/** A runnable command (`validate`, `keys create`, ...). @example const command: Command = validateCommand; */
export interface Command {
  /** Full name, e.g. `keys create`. */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** What follows the name in the usage line, e.g. `<key_id> [options]`. */
  usage: string;
  /** A paragraph under the usage line. */
  description: string;
  /** Names of the required positional arguments, in order. */
  positionals: readonly string[];
  options: OptionSpecs;
  examples: readonly string[];
  /** Returns the exit status. */
  run(input: CommandInput): Promise<number>;
}

/** A command that takes its raw arguments (and has its own help), like `mock`. @example await mockCommand.run(['--port', '0'], io); */
export interface RawCommand {
  name: string;
  summary: string;
  usage: string;
  raw: true;
  /** The full help text. */
  help(): Promise<string>;
  run(argv: string[], io: CliIo): Promise<number>;
}

/** A command with subcommands (`keys`, `usage`), which may be groups themselves (`orgs keys`). @example keysCommands.subcommands.map((c) => c.name); */
export interface CommandGroup {
  /** Full name, e.g. `orgs keys`. */
  name: string;
  summary: string;
  description: string;
  subcommands: readonly (Command | CommandGroup)[];
}

/** What can follow `hokusai-auth`. @example const all: readonly TopLevelCommand[] = COMMANDS; */
export type TopLevelCommand = Command | RawCommand | CommandGroup;

/** @example if (isGroup(command)) io.stdout(groupHelp(command)); */
export function isGroup(command: TopLevelCommand | CommandGroup): command is CommandGroup {
  return 'subcommands' in command;
}

/** @example if (isRaw(command)) return command.run(argv, io); */
export function isRaw(command: TopLevelCommand): command is RawCommand {
  return 'raw' in command;
}

/**
 * Every runnable command of a group, nested groups included, in order.
 *
 * @example
 * runnableCommands(orgsCommands).map((c) => c.name); // ['orgs create', ..., 'orgs keys create', ...]
 */
export function runnableCommands(group: CommandGroup): Command[] {
  return group.subcommands.flatMap((sub) => (isGroup(sub) ? runnableCommands(sub) : [sub]));
}
