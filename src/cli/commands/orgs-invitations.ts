// `hokusai-auth orgs invitations list|revoke`: pending invitations of an organization.
// (Sending one is `orgs invite`, accepting one `orgs accept`.)
import { clientFor } from '../client';
import type { Command, CommandGroup } from '../command';
import { formatInvitations } from '../format-orgs';
import { ORG_COMMAND_OPTIONS } from '../options';
import { writeResult } from '../output';
import { PAGE_OPTIONS, pageParams, writePages } from '../pages';

const list: Command = {
  name: 'orgs invitations list',
  summary: 'List pending invitations (admin or owner)',
  usage: '<org_id> [options]',
  description: 'Lists the invitations not yet accepted, revoked or expired, oldest first. Never their tokens.',
  positionals: ['org_id'],
  options: { ...PAGE_OPTIONS, ...ORG_COMMAND_OPTIONS },
  examples: ['hokusai-auth orgs invitations list <org_id>'],
  async run({ values, positionals, io }) {
    const auth = clientFor(values, io, this.name);
    await writePages(values, io, auth.organizations.invitations.list(positionals[0] ?? '', pageParams(values, this.name)), formatInvitations);
    return 0;
  },
};

const revoke: Command = {
  name: 'orgs invitations revoke',
  summary: 'Revoke a pending invitation (admin or owner)',
  usage: '<org_id> <invitation_id> [options]',
  description: 'Revokes an invitation: its token can no longer be accepted.',
  positionals: ['org_id', 'invitation_id'],
  options: ORG_COMMAND_OPTIONS,
  examples: ['hokusai-auth orgs invitations revoke <org_id> <invitation_id>'],
  async run({ values, positionals, io }) {
    const [orgId = '', invitationId = ''] = positionals;
    const result = await clientFor(values, io, this.name).organizations.invitations.revoke(orgId, invitationId);
    writeResult(values, io, result, (data) => `${data.message}: ${invitationId}\n`);
    return 0;
  },
};

/** The `orgs invitations` group. @example orgsInvitationsCommands.subcommands.length; // 2 */
export const orgsInvitationsCommands: CommandGroup = {
  name: 'orgs invitations',
  summary: 'Pending invitations of an organization',
  description: 'Lists and revokes pending invitations. Needs an access token of an admin or owner.',
  subcommands: [list, revoke],
};
