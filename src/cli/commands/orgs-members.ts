// `hokusai-auth orgs members list|role|remove`: the members of an organization and their roles.
import type { OrganizationRole } from '../../platform';
import { clientFor } from '../client';
import type { Command, CommandGroup } from '../command';
import { formatMember, formatMembers } from '../format-orgs';
import { ORG_COMMAND_OPTIONS } from '../options';
import { writeResult } from '../output';
import { PAGE_OPTIONS, pageParams, writePages } from '../pages';
import { roleArgument } from '../roles';

const list: Command = {
  name: 'orgs members list',
  summary: 'List the members of an organization and their roles',
  usage: '<org_id> [options]',
  description: 'Lists the members of an organization, oldest first, with their wallet and role. Any member may.',
  positionals: ['org_id'],
  options: { ...PAGE_OPTIONS, ...ORG_COMMAND_OPTIONS },
  examples: ['hokusai-auth orgs members list 7b1d2c3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e', 'hokusai-auth orgs members list <org_id> --json'],
  async run({ values, positionals, io }) {
    const auth = clientFor(values, io, this.name);
    await writePages(values, io, auth.organizations.members.list(positionals[0] ?? '', pageParams(values, this.name)), formatMembers);
    return 0;
  },
};

const role: Command = {
  name: 'orgs members role',
  summary: "Change a member's role (admin or owner)",
  usage: '<org_id> <user_id> <role> [options]',
  description:
    "Changes a member's role: owner, admin, developer or viewer. Admins and owners may; only an owner\n" +
    'grants or takes the owner role. Demoting the last owner is refused (an organization keeps an owner).',
  positionals: ['org_id', 'user_id', 'role'],
  options: ORG_COMMAND_OPTIONS,
  examples: ['hokusai-auth orgs members role <org_id> <user_id> admin'],
  async run({ values, positionals, io }) {
    const [orgId = '', userId = '', name = ''] = positionals;
    const params = { role: roleArgument(name, this.name) as OrganizationRole };
    const member = await clientFor(values, io, this.name).organizations.members.update(orgId, userId, params);
    writeResult(values, io, member, formatMember);
    return 0;
  },
};

const remove: Command = {
  name: 'orgs members remove',
  summary: 'Remove a member (admin or owner)',
  usage: '<org_id> <user_id> [options]',
  description: 'Removes a member from an organization. Only an owner removes an owner; the last owner cannot be removed.',
  positionals: ['org_id', 'user_id'],
  options: ORG_COMMAND_OPTIONS,
  examples: ['hokusai-auth orgs members remove <org_id> <user_id>'],
  async run({ values, positionals, io }) {
    const [orgId = '', userId = ''] = positionals;
    const result = await clientFor(values, io, this.name).organizations.members.remove(orgId, userId);
    writeResult(values, io, result, (data) => `${data.message}: ${userId}\n`);
    return 0;
  },
};

/** The `orgs members` group. @example orgsMembersCommands.subcommands.length; // 3 */
export const orgsMembersCommands: CommandGroup = {
  name: 'orgs members',
  summary: 'Members of an organization and their roles',
  description: 'Lists the members of an organization, changes their roles and removes them. Needs an access token.',
  subcommands: [list, role, remove],
};
