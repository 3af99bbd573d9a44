// `hokusai-auth login --private-key-env VAR`: wallet sign-in from the command line, for
// development and tests. Stores nothing; the token is printed only with --json.
import { clientFor } from '../client';
import type { Command } from '../command';
import { formatSession } from '../format-orgs';
import { localWallet } from '../local-wallet';
import { jsonMode, writeJson } from '../output';
import { OUTPUT_OPTIONS, requiredOption, URL_OPTION } from '../options';
import { UsageError } from '../usage-error';

const DEV_ONLY =
  'Note: login --private-key-env is for development and tests only. A real wallet never hands its private key to a command line.\n';

/**
 * `login`: signs the server's Sign-In with Ethereum challenge with a private key read from an
 * environment variable, and prints who signed in (and the access token with --json).
 *
 * @example
 * const code = await loginCommand.run({ values: { 'private-key-env': 'DEV_WALLET_KEY', json: true }, positionals: [], io });
 */
export const loginCommand: Command = {
  name: 'login',
  summary: 'Sign in with a local private key (dev/test only); --json prints the token',
  usage: '--private-key-env <VAR> [options]',
  description:
    'Signs in with Sign-In with Ethereum: gets the challenge, signs it with the private key held in\n' +
    'the environment variable VAR (32 bytes of hex), and sends the signature. For development and\n' +
    'tests only: a real wallet never hands its key to a command line. Nothing is stored; with --json\n' +
    'the answer, access token included, is printed so you can set HOKUSAI_ACCESS_TOKEN from it.',
  positionals: [],
  options: {
    'private-key-env': { type: 'string', value: '<VAR>', description: 'Name of the environment variable that holds the private key (required)' },
    ...URL_OPTION,
    ...OUTPUT_OPTIONS,
  },
  examples: [
    'DEV_WALLET_KEY=0x... hokusai-auth login --private-key-env DEV_WALLET_KEY --url http://127.0.0.1:8787 --json',
    'export HOKUSAI_ACCESS_TOKEN="$(hokusai-auth login --private-key-env DEV_WALLET_KEY --json | node -pe "JSON.parse(require(\'fs\').readFileSync(0)).access_token")"',
  ],
  async run({ values, io }) {
    const variable = requiredOption(values, 'private-key-env', this.name).trim();
    const privateKey = io.env[variable]?.trim();
    if (!privateKey) throw new UsageError(`The environment variable ${variable} is not set or empty`, this.name);
    const wallet = localWallet(privateKey);
    if (!wallet) throw new UsageError(`${variable} must hold a private key: 32 bytes of hex, with or without 0x`, this.name);
    io.stderr(DEV_ONLY);
    const session = await clientFor(values, io, this.name).signInWithEthereum(wallet);
    if (jsonMode(values)) writeJson(io, session);
    else io.stdout(`${formatSession(session)}The access token is printed only with --json.\n`);
    return 0;
  },
};
