// Argument parsing: values that start with a dash (a mailed token can) are positionals, not
// unknown options, while misspelt options are still usage errors.
import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/cli/command';
import { dashValuesAsPositionals, parseCommandArgs } from '../../src/cli/parse';
import { UsageError } from '../../src/cli/usage-error';

const options = {
  json: { type: 'boolean', description: 'JSON' },
  reason: { type: 'string', value: '<text>', description: 'Why' },
  help: { type: 'boolean', short: 'h', description: 'Help' },
} as const;
const command = { name: 'registration verify', positionals: ['token'], options } as unknown as Command;

describe('dash-led values', () => {
  it('reads a token starting with "-" as the positional it is', () => {
    expect(parseCommandArgs(command, ['-Mx3_aB9-q', '--json'])).toEqual({ values: { json: true }, positionals: ['-Mx3_aB9-q'] });
    expect(parseCommandArgs(command, ['--json', '-Mx3_aB9-q']).positionals).toEqual(['-Mx3_aB9-q']);
  });

  it('keeps option values, positional order and an explicit --', () => {
    expect(dashValuesAsPositionals(['a', '--reason', '-not-a-flag', '-b', '--', '--c'], options)).toEqual(['--reason', '-not-a-flag', '--', 'a', '-b', '--c']);
    expect(dashValuesAsPositionals(['--reason=x', '-h', 'a'], options)).toEqual(['--reason=x', '-h', '--', 'a']);
    expect(dashValuesAsPositionals(['--json'], options)).toEqual(['--json']);
  });

  it('still refuses a misspelt long option and a second positional', () => {
    expect(() => parseCommandArgs(command, ['tok', '--bogus'])).toThrow(new UsageError("Unknown option '--bogus'", command.name));
    expect(() => parseCommandArgs(command, ['tok', '-x'])).toThrow(/Unexpected argument "-x"/);
  });
});
