// `hokusai-auth token validate <token>`: asks the server whether an access token (JWT) is good.
import { clientFor } from '../client';
import type { Command, CommandGroup } from '../command';
import { formatTokenValidation } from '../format-orgs';
import { OUTPUT_OPTIONS, stringOption, URL_OPTION } from '../options';
import { writeResult } from '../output';
import { UsageError } from '../usage-error';

const validate: Command = {
  name: 'token validate',
  summary: 'Check an access token (exit 0 valid, 1 not valid)',
  usage: '<token> [options]',
  description:
    'Asks the auth service whether a JWT it issued is good, optionally for a service. Prints the user\n' +
    "(never the token) or why it is refused, and exits with 0 when it is valid, 1 when not. Pass '-'\n" +
    'to read the token from standard input, which keeps it out of the shell history and process list.',
  positionals: ['token'],
  options: {
    service: { type: 'string', value: '<service>', description: 'The service asking (the token must grant it), e.g. prediction' },
    ...URL_OPTION,
    ...OUTPUT_OPTIONS,
  },
  examples: ['printf %s "$HOKUSAI_ACCESS_TOKEN" | hokusai-auth token validate - --service prediction', 'hokusai-auth token validate "$JWT" --json'],
  async run({ values, positionals, io }) {
    let token = positionals[0] ?? '';
    if (token === '-') token = (await io.readStdin()).trim();
    if (token.trim() === '') throw new UsageError('The token is empty', this.name);
    const service = stringOption(values, 'service');
    const result = await clientFor(values, io, this.name).tokens.validate(token, service === undefined ? {} : { service });
    writeResult(values, io, result, formatTokenValidation);
    return result.valid ? 0 : 1;
  },
};

/** The `token` group. @example tokenCommands.subcommands.length; // 1 */
export const tokenCommands: CommandGroup = {
  name: 'token',
  summary: 'Access tokens (JWT)',
  description: 'Checks the access tokens that wallet sign-in issues. No admin token needed.',
  subcommands: [validate],
};
