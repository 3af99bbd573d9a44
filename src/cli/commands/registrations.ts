// `hokusai-auth registrations list|get|approve|reject`: reviewing applications (admin token).
import type { ListRegistrationsParams } from '../../platform/types';
import { clientFor } from '../client';
import type { Command, CommandGroup, CommandInput } from '../command';
import { formatRegistration, formatRegistrationList } from '../format-registration';
import { ADMIN_COMMAND_OPTIONS, flagOption, integerOption, requiredOption, stringOption } from '../options';
import { writeResult } from '../output';
import { UsageError } from '../usage-error';

const DEFAULT_SHOWN = 50;

const list: Command = {
  name: 'registrations list',
  summary: 'List applications, newest first',
  usage: '[--status <status>] [--limit <n> | --all] [options]',
  description:
    `Lists applications, newest first, with their fraud-screening flags: the first ${DEFAULT_SHOWN} unless --limit or --all\n` +
    'says otherwise (pages are fetched as needed). --json prints them as one JSON array.',
  positionals: [],
  options: {
    status: {
      type: 'string',
      value: '<status>',
      description: 'Only this status: pending_email_verification, email_verified, pending_approval, approved, rejected',
    },
    limit: { type: 'string', value: '<n>', description: `Show at most n (default ${DEFAULT_SHOWN})` },
    all: { type: 'boolean', description: 'Show every application' },
    ...ADMIN_COMMAND_OPTIONS,
  },
  examples: ['hokusai-auth registrations list --status pending_approval', 'hokusai-auth registrations list --all --json'],
  async run({ values, io }) {
    const limit = integerOption(values, 'limit', this.name);
    if (limit !== undefined && limit < 1) throw new UsageError('--limit must be at least 1', this.name);
    if (limit !== undefined && flagOption(values, 'all')) throw new UsageError('Give --limit or --all, not both', this.name);
    const max = flagOption(values, 'all') ? Infinity : (limit ?? DEFAULT_SHOWN);
    const params: ListRegistrationsParams = {};
    const status = stringOption(values, 'status');
    if (status !== undefined) params.status = status as ListRegistrationsParams['status'];
    // Pages no bigger than needed: the server allows 1-100 per page.
    if (max < 100) params.limit = max;
    const items = await clientFor(values, io, this.name).admin.registrations.list(params).toArray(max);
    writeResult(values, io, items, formatRegistrationList);
    return 0;
  },
};

const get: Command = {
  name: 'registrations get',
  summary: 'Show one application with its flags and history',
  usage: '<id> [options]',
  description: 'Shows one application: its fields, fraud-screening flags, status history and, once approved, its key and organization.',
  positionals: ['id'],
  options: ADMIN_COMMAND_OPTIONS,
  examples: ['hokusai-auth registrations get f47ac10b-58cc-4372-a567-0e02b2c3d479'],
  async run(input) {
    const registration = await clientFor(input.values, input.io, this.name).admin.registrations.get(idOf(input));
    writeResult(input.values, input.io, registration, formatRegistration);
    return 0;
  },
};

const approve: Command = {
  name: 'registrations approve',
  summary: 'Approve an application (creates its key, mails the claim link)',
  usage: '<id> [--reason <text>] [options]',
  description:
    'Approves an application awaiting approval: the service creates a production API key and an\n' +
    'organization, and mails the applicant a single-use link to claim the key.',
  positionals: ['id'],
  options: { reason: { type: 'string', value: '<text>', description: 'A note for the welcome mail' }, ...ADMIN_COMMAND_OPTIONS },
  examples: ['hokusai-auth registrations approve f47ac10b-58cc-4372-a567-0e02b2c3d479'],
  async run(input) {
    const reason = stringOption(input.values, 'reason');
    const registration = await clientFor(input.values, input.io, this.name).admin.registrations.approve(idOf(input), reason);
    writeResult(input.values, input.io, registration, formatRegistration);
    return 0;
  },
};

const reject: Command = {
  name: 'registrations reject',
  summary: 'Reject an application with a reason (mailed to the applicant)',
  usage: '<id> --reason <text> [options]',
  description: 'Rejects an application awaiting approval. The reason goes into the mail; the applicant may apply again.',
  positionals: ['id'],
  options: { reason: { type: 'string', value: '<text>', description: 'Why (required; mailed to the applicant)' }, ...ADMIN_COMMAND_OPTIONS },
  examples: ['hokusai-auth registrations reject f47ac10b-58cc-4372-a567-0e02b2c3d479 --reason "We could not verify the organization."'],
  async run(input) {
    const reason = requiredOption(input.values, 'reason', this.name);
    const registration = await clientFor(input.values, input.io, this.name).admin.registrations.reject(idOf(input), reason);
    writeResult(input.values, input.io, registration, formatRegistration);
    return 0;
  },
};

/** The `registrations` command group. @example registrationsCommands.subcommands.length; // 4 */
export const registrationsCommands: CommandGroup = {
  name: 'registrations',
  summary: 'Review applications',
  description: 'Lists, shows, approves and rejects applications for API access. Needs the admin token.',
  subcommands: [list, get, approve, reject],
};

function idOf(input: CommandInput): string {
  return input.positionals[0] ?? '';
}
