// Help texts, built from the command definitions so help and parsing never disagree.
import type { Command, CommandGroup, OptionSpecs, TopLevelCommand } from './command';
import { isGroup, runnableCommands } from './command';
import { OUTPUT_OPTIONS, URL_OPTION, ADMIN_TOKEN_OPTION } from './options';

/** The executable's name, as help texts show it. @example `${BIN} --help` */
export const BIN = 'hokusai-auth';

const VERSION_OPTION: OptionSpecs = { version: { type: 'boolean', description: 'Print the version' } };

const EXIT_STATUS = `Exit status:
  0  success (validate: the key is valid)
  1  the API answered with an error or could not be reached (validate: the key is not valid)
  2  usage error: unknown command or option, missing argument, admin or access token, bad value`;

/** `hokusai-auth --help`. @example io.stdout(topHelp(COMMANDS, '0.1.0')); */
export function topHelp(commands: readonly TopLevelCommand[], version: string): string {
  const rows: [string, string][] = [];
  for (const command of commands) {
    const runnable = isGroup(command) ? runnableCommands(command) : [command];
    for (const sub of runnable) rows.push([synopsis(sub), sub.summary]);
  }
  rows.push(['help [command]', 'Show help for a command']);
  return `Usage: ${BIN} <command> [options]

Command-line client and local stub server for the Hokusai auth API (version ${version}).

Commands:
${columns(rows)}

Options for the API commands:
${optionLines({ ...URL_OPTION, ...ADMIN_TOKEN_OPTION, ...OUTPUT_OPTIONS, ...VERSION_OPTION })}

Environment:
  HOKUSAI_AUTH_URL       Base URL of the auth service
  HOKUSAI_ADMIN_TOKEN    Admin token for the keys and usage commands
  HOKUSAI_ACCESS_TOKEN   Access token (JWT from sign-in) for the orgs commands

${EXIT_STATUS}

Run '${BIN} <command> --help' for the options of a command.
`;
}

/** `hokusai-auth keys --help`. @example io.stdout(groupHelp(keysCommands)); */
export function groupHelp(group: CommandGroup): string {
  const rows = group.subcommands.map((sub): [string, string] => [sub.name.slice(group.name.length + 1), sub.summary]);
  return `Usage: ${BIN} ${group.name} <subcommand> [options]

${group.description}

Subcommands:
${columns(rows)}

Run '${BIN} ${group.name} <subcommand> --help' for the options of a subcommand.
`;
}

/** `hokusai-auth keys create --help`. @example io.stdout(commandHelp(validateCommand)); */
export function commandHelp(command: Command): string {
  const examples = command.examples.map((example) => `  ${example}`).join('\n');
  return `Usage: ${BIN} ${command.name} ${command.usage}

${command.description}

Options:
${optionLines(command.options)}

Examples:
${examples}

${EXIT_STATUS}
`;
}

/** `keys get <key_id>`: the name and the required arguments. */
function synopsis(command: TopLevelCommand): string {
  const args = 'positionals' in command ? command.positionals.map((name) => ` <${name}>`).join('') : '';
  return `${command.name}${args}`;
}

function optionLines(options: OptionSpecs): string {
  const rows = Object.entries(options).map(([name, spec]): [string, string] => {
    const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`;
    return [flag, spec.multiple ? `${spec.description} (repeatable)` : spec.description];
  });
  return columns(rows);
}

function columns(rows: readonly [string, string][]): string {
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, right]) => `  ${left.padEnd(width)} ${right}`.trimEnd()).join('\n');
}
