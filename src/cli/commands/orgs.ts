// `hokusai-auth orgs …`: organizations, with the access token of a signed-in user. The
// members, keys and invitations subgroups live in their own files.
import { clientFor } from '../client';
import type { Command, CommandGroup } from '../command';
import { formatAuditLog, formatInvitation, formatMember, formatMemberships, formatOrganization } from '../format-orgs';
import { ORG_COMMAND_OPTIONS, requiredOption, stringOption } from '../options';
import { writeResult } from '../output';
import { PAGE_OPTIONS, pageParams, writePages } from '../pages';
import { roleArgument } from '../roles';
import { UsageError } from '../usage-error';
import { orgsInvitationsCommands } from './orgs-invitations';
import { orgsKeysCommands } from './orgs-keys';
import { orgsMembersCommands } from './orgs-members';

const create: Command = {
  name: 'orgs create',
  summary: 'Create an organization (you become its owner)',
  usage: '--name <name> [options]',
  description: 'Creates an organization; the signed-in user becomes its owner.',
  positionals: [],
  options: {
    name: { type: 'string', value: '<name>', description: 'Name of the organization (required)' },
    description: { type: 'string', value: '<text>', description: 'What the organization is for' },
    ...ORG_COMMAND_OPTIONS,
  },
  examples: ['hokusai-auth orgs create --name "Acme Research" --description "Models for the Acme data team"'],
  async run({ values, io }) {
    const description = stringOption(values, 'description');
    const params = { name: requiredOption(values, 'name', this.name), ...(description !== undefined && { description }) };
    const org = await clientFor(values, io, this.name).organizations.create(params);
    writeResult(values, io, org, formatOrganization);
    return 0;
  },
};

const list: Command = {
  name: 'orgs list',
  summary: 'List your organizations and your role in each',
  usage: '[options]',
  description: 'Lists the organizations the signed-in user belongs to, with the role in each.',
  positionals: [],
  options: { ...PAGE_OPTIONS, ...ORG_COMMAND_OPTIONS },
  examples: ['hokusai-auth orgs list', 'hokusai-auth orgs list --json'],
  async run({ values, io }) {
    await writePages(values, io, clientFor(values, io, this.name).organizations.list(pageParams(values, this.name)), formatMemberships);
    return 0;
  },
};

const get: Command = {
  name: 'orgs get',
  summary: "Show an organization's details (any member)",
  usage: '<org_id> [options]',
  description: "Shows an organization's details. An organization you are not a member of is not found.",
  positionals: ['org_id'],
  options: ORG_COMMAND_OPTIONS,
  examples: ['hokusai-auth orgs get 7b1d2c3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e'],
  async run({ values, positionals, io }) {
    const org = await clientFor(values, io, this.name).organizations.get(positionals[0] ?? '');
    writeResult(values, io, org, formatOrganization);
    return 0;
  },
};

const invite: Command = {
  name: 'orgs invite',
  summary: 'Invite someone by email with a role (admin or owner)',
  usage: '<org_id> --email <email> --role <role> [options]',
  description:
    'Sends an invitation by email (the local server keeps it in its outbox). The token in it works\n' +
    'once, for 7 days: the invitee runs `hokusai-auth orgs accept <token>`. Only an owner invites owners.',
  positionals: ['org_id'],
  options: {
    email: { type: 'string', value: '<email>', description: 'Who to invite (required)' },
    role: { type: 'string', value: '<role>', description: 'owner, admin, developer or viewer (required)' },
    ...ORG_COMMAND_OPTIONS,
  },
  examples: ['hokusai-auth orgs invite <org_id> --email dev@example.com --role developer'],
  async run({ values, positionals, io }) {
    const params = { email: requiredOption(values, 'email', this.name), role: roleArgument(requiredOption(values, 'role', this.name), this.name) };
    const invitation = await clientFor(values, io, this.name).organizations.invitations.create(positionals[0] ?? '', params);
    writeResult(values, io, invitation, formatInvitation);
    return 0;
  },
};

const accept: Command = {
  name: 'orgs accept',
  summary: 'Accept an invitation with the token from its email',
  usage: '<token> [options]',
  description:
    "Joins the signed-in user to the invitation's organization with its role. Pass '-' to read the\n" +
    'token from standard input. A token works once and for 7 days.',
  positionals: ['token'],
  options: ORG_COMMAND_OPTIONS,
  examples: ['hokusai-auth orgs accept inv_Xk3mP9qR2sT5vW8yZ1aB4cD7eF0gH3jK6mN9pQ2s', 'printf %s "$INVITATION_TOKEN" | hokusai-auth orgs accept -'],
  async run({ values, positionals, io }) {
    let token = positionals[0] ?? '';
    if (token === '-') token = (await io.readStdin()).trim();
    if (token.trim() === '') throw new UsageError('The invitation token is empty', this.name);
    const joined = await clientFor(values, io, this.name).invitations.accept({ token });
    writeResult(values, io, joined, (data) => `Joined ${data.organization.name} (${data.organization.id})\n${formatMember(data.member)}`);
    return 0;
  },
};

const audit: Command = {
  name: 'orgs audit',
  summary: "Show an organization's audit log (admin or owner)",
  usage: '<org_id> [options]',
  description: 'Lists who changed what in the organization, newest first, optionally for one action and a time range.',
  positionals: ['org_id'],
  options: {
    action: { type: 'string', value: '<action>', description: 'Only this action, e.g. api_key.created' },
    since: { type: 'string', value: '<time>', description: 'Only entries at or after this ISO 8601 time' },
    until: { type: 'string', value: '<time>', description: 'Only entries before this ISO 8601 time' },
    ...PAGE_OPTIONS,
    ...ORG_COMMAND_OPTIONS,
  },
  examples: ['hokusai-auth orgs audit <org_id>', 'hokusai-auth orgs audit <org_id> --action api_key.created --since 2025-01-01T00:00:00Z --json'],
  async run({ values, positionals, io }) {
    const filters: Record<string, string> = {};
    for (const name of ['action', 'since', 'until']) {
      const value = stringOption(values, name);
      if (value !== undefined) filters[name] = value;
    }
    const auth = clientFor(values, io, this.name);
    const params = { ...filters, ...pageParams(values, this.name) } as Parameters<typeof auth.organizations.auditLogs.list>[1];
    await writePages(values, io, auth.organizations.auditLogs.list(positionals[0] ?? '', params), formatAuditLog);
    return 0;
  },
};

/** The `orgs` command group. @example orgsCommands.subcommands.map((c) => c.name); */
export const orgsCommands: CommandGroup = {
  name: 'orgs',
  summary: 'Organizations, members, invitations, keys and audit log',
  description:
    'Manages organizations as a signed-in user: needs an access token (HOKUSAI_ACCESS_TOKEN or\n' +
    '--access-token), e.g. from `hokusai-auth login`. What you may do depends on your role.',
  subcommands: [create, list, get, invite, accept, audit, orgsMembersCommands, orgsInvitationsCommands, orgsKeysCommands],
};
