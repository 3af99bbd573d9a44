// Argument parsing on top of node:util parseArgs: strict options, positionals checked against
// the command, and every mistake turned into a UsageError naming the command.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Command, OptionSpecs, OptionValues } from './command';
import { UsageError } from './usage-error';

/** True when `-h` or `--help` appears before a `--` terminator. @example wantsHelp(['keys', '-h']); // true */
export function wantsHelp(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

/**
 * Index of the first positional argument (a command or subcommand name), skipping options and
 * the values of the string options in `options`. -1 when there is none.
 *
 * @example
 * firstPositionalIndex(['--url', 'http://x', 'keys'], URL_OPTION); // 2
 */
export function firstPositionalIndex(args: readonly string[], options: OptionSpecs): number {
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (arg === '--') return index + 1 < args.length ? index + 1 : -1;
    if (!arg.startsWith('-') || arg === '-') return index;
    const name = arg.startsWith('--') ? arg.slice(2) : shortToLong(arg.slice(1), options);
    if (!name.includes('=') && options[name]?.type === 'string') index++; // skip its value
  }
  return -1;
}

/** `args` without the element at `index`. @example without(['a', 'b', 'c'], 1); // ['a', 'c'] */
export function without(args: readonly string[], index: number): string[] {
  return [...args.slice(0, index), ...args.slice(index + 1)];
}

/**
 * Parses a command's arguments: unknown options, missing values and wrong positionals are usage errors.
 *
 * @example
 * const { values, positionals } = parseCommandArgs(command, ['550e8400-e29b-41d4-a716-446655440000', '--json']);
 */
export function parseCommandArgs(command: Command, args: string[]): { values: OptionValues; positionals: string[] } {
  let parsed: { values: OptionValues; positionals: string[] };
  try {
    parsed = parseArgs({ args: dashValuesAsPositionals(args, command.options), options: toParseArgsOptions(command.options), strict: true, allowPositionals: true }) as {
      values: OptionValues;
      positionals: string[];
    };
  } catch (error) {
    throw new UsageError(readableParseError(error), command.name);
  }
  const { positionals } = parsed;
  const missing = command.positionals[positionals.length];
  if (missing !== undefined) throw new UsageError(`Missing argument <${missing}>`, command.name);
  const extra = positionals[command.positionals.length];
  if (extra !== undefined) throw new UsageError(`Unexpected argument ${JSON.stringify(extra)}`, command.name);
  return parsed;
}

/**
 * `args` with every dash-led value moved behind a `--`, so it reads as a positional: an argument
 * starting with one `-` that names no short option of the command, such as a mailed token
 * (`-Mx3…`; base64url tokens start with `-` one time in 64). Options keep their values and
 * positionals their order; `--name` arguments stay options, so a misspelt one is still an error.
 *
 * @example
 * dashValuesAsPositionals(['-Mx3', '--json'], { json: { type: 'boolean', description: 'JSON' } }); // ['--json', '--', '-Mx3']
 */
export function dashValuesAsPositionals(args: readonly string[], options: OptionSpecs): string[] {
  const optionArgs: string[] = [];
  const positionals: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === '--') {
      positionals.push(...args.slice(index + 1));
      break;
    }
    const isLong = arg.startsWith('--');
    const isShort = !isLong && arg.length > 1 && arg.startsWith('-') && Object.values(options).some((spec) => spec.short === arg[1]);
    if (!isLong && !isShort) {
      positionals.push(arg);
      continue;
    }
    optionArgs.push(arg);
    const name = isLong ? arg.slice(2) : arg.length === 2 ? shortToLong(arg.slice(1), options) : '';
    if (!name.includes('=') && options[name]?.type === 'string' && index + 1 < args.length) optionArgs.push(args[++index]!);
  }
  return positionals.length > 0 ? [...optionArgs, '--', ...positionals] : optionArgs;
}

function toParseArgsOptions(options: OptionSpecs): NonNullable<ParseArgsConfig['options']> {
  const out: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, spec] of Object.entries(options)) {
    out[name] =
      spec.type === 'string'
        ? { type: 'string', multiple: spec.multiple ?? false, ...(spec.short ? { short: spec.short } : {}) }
        : { type: 'boolean', ...(spec.short ? { short: spec.short } : {}) };
  }
  return out;
}

function shortToLong(short: string, options: OptionSpecs): string {
  return Object.entries(options).find(([, spec]) => spec.short === short)?.[0] ?? short;
}

/** parseArgs messages, shortened: `Unknown option '--bogus'` rather than a paragraph. */
function readableParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if (unknown) return `Unknown option '${unknown[1]}'`;
  const missingValue = /^Option '([^' ]+)(?: <value>)?' argument missing/.exec(message);
  if (missingValue) return `Option '${missingValue[1]}' needs a value`;
  return message.split('\n')[0] ?? message;
}
