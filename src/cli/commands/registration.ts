// `hokusai-auth registration status|verify|claim|limits`: an applicant's side of registration
// after `register` (public, no admin token).
import { clientFor } from '../client';
import type { Command, CommandGroup, CommandInput } from '../command';
import { formatClaimed, formatRateLimitStatus, formatStatus } from '../format-registration';
import { OUTPUT_OPTIONS, stringOption, URL_OPTION } from '../options';
import { warnStoreKey, writeResult } from '../output';

const PUBLIC_OPTIONS = { ...URL_OPTION, ...OUTPUT_OPTIONS };

const status: Command = {
  name: 'registration status',
  summary: 'Status of the application made with an email',
  usage: '<email> [options]',
  description: 'Shows where the latest application of <email> stands. An unknown email and a malformed one get the same "not found".',
  positionals: ['email'],
  options: PUBLIC_OPTIONS,
  examples: ['hokusai-auth registration status dev@acme.ai'],
  async run(input) {
    const answer = await clientFor(input.values, input.io, this.name).registration.status(first(input));
    writeResult(input.values, input.io, answer, formatStatus);
    return 0;
  },
};

const verify: Command = {
  name: 'registration verify',
  summary: 'Verify an email with the token of its verification link',
  usage: '<token> [options]',
  description: "Confirms the email with the token of the verification mail's link (the part after token=). A token works once.",
  positionals: ['token'],
  options: PUBLIC_OPTIONS,
  examples: ['hokusai-auth registration verify "$TOKEN"'],
  async run(input) {
    const answer = await clientFor(input.values, input.io, this.name).registration.verifyEmail(first(input));
    writeResult(input.values, input.io, answer, formatStatus);
    return 0;
  },
};

const claim: Command = {
  name: 'registration claim',
  summary: 'Claim the API key of an approved application (printed once)',
  usage: '<token> [options]',
  description:
    "Exchanges the token of the welcome mail's claim link for the new production API key and prints it\n" +
    'once. Store it right away: the link then stops working.',
  positionals: ['token'],
  options: PUBLIC_OPTIONS,
  examples: ['hokusai-auth registration claim "$CLAIM_TOKEN"'],
  async run(input) {
    const claimed = await clientFor(input.values, input.io, this.name).registration.claim(first(input));
    writeResult(input.values, input.io, claimed, formatClaimed);
    warnStoreKey(input.io);
    return 0;
  },
};

const limits: Command = {
  name: 'registration limits',
  summary: 'How the registration rate limits stand for this machine',
  usage: '[--email <email>] [options]',
  description: "Shows the per-IP, per-domain (with --email) and global submission limits, and whether this IP is banned. Counts against nothing.",
  positionals: [],
  options: { email: { type: 'string', value: '<email>', description: "Also show this email's domain limit" }, ...PUBLIC_OPTIONS },
  examples: ['hokusai-auth registration limits --email dev@acme.ai'],
  async run({ values, io }) {
    const answer = await clientFor(values, io, this.name).registration.rateLimitStatus(stringOption(values, 'email'));
    writeResult(values, io, answer, formatRateLimitStatus);
    return 0;
  },
};

/** The `registration` command group. @example registrationCommands.subcommands.length; // 4 */
export const registrationCommands: CommandGroup = {
  name: 'registration',
  summary: 'Follow an application: status, verify, claim, limits',
  description: "An applicant's steps after 'register': check the status, verify the email, claim the key, see the limits.",
  subcommands: [status, verify, claim, limits],
};

function first(input: CommandInput): string {
  return input.positionals[0] ?? '';
}
