// Readable text for the organization, sign-in and token results.
import type {
  AuditLogEntry,
  Invitation,
  Organization,
  OrganizationKeyCreated,
  OrganizationKeyInfo,
  OrganizationMember,
  OrganizationMembership,
  SiweSession,
  TokenValidation,
} from '../platform';
import { keyInfoFields } from './format';
import { formatFields, formatTable } from './table';

/** One organization, a field a line. @example io.stdout(formatOrganization(await auth.organizations.get(id))); */
export function formatOrganization(org: Organization): string {
  return formatFields([
    ['ID', org.id],
    ['Name', org.name],
    ['Description', org.description ?? ''],
    ['Created by', org.created_by],
    ['Created', org.created_at],
    ['Updated', org.updated_at],
  ]);
}

/** `orgs list`: the caller's organizations and role. @example io.stdout(formatMemberships(page.data)); */
export function formatMemberships(orgs: readonly OrganizationMembership[]): string {
  if (orgs.length === 0) return 'No organizations. Create one with: hokusai-auth orgs create --name <name>\n';
  return formatTable(['ORG ID', 'NAME', 'ROLE', 'CREATED'], orgs.map((org) => [org.id, org.name, org.role, org.created_at])) + count(orgs, 'organization');
}

/** `orgs members list`. @example io.stdout(formatMembers(page.data)); */
export function formatMembers(members: readonly OrganizationMember[]): string {
  const rows = members.map((member) => [member.user_id, member.wallet_address, member.role, member.joined_at]);
  return formatTable(['USER ID', 'WALLET', 'ROLE', 'JOINED'], rows) + count(members, 'member');
}

/** One member. @example io.stdout(formatMember(await auth.organizations.members.update(org, user, { role }))); */
export function formatMember(member: OrganizationMember): string {
  return formatFields([
    ['User ID', member.user_id],
    ['Wallet', member.wallet_address],
    ['Role', member.role],
    ['Joined', member.joined_at],
  ]);
}

/** One invitation (never its token). @example io.stdout(formatInvitation(invitation)); */
export function formatInvitation(invitation: Invitation): string {
  return formatFields([
    ['Invitation ID', invitation.id],
    ['Email', invitation.email],
    ['Role', invitation.role],
    ['Status', invitation.status],
    ['Expires', invitation.expires_at],
  ]);
}

/** `orgs invitations list`. @example io.stdout(formatInvitations(page.data)); */
export function formatInvitations(invitations: readonly Invitation[]): string {
  if (invitations.length === 0) return 'No pending invitations.\n';
  const rows = invitations.map((i) => [i.id, i.email, i.role, i.expires_at]);
  return formatTable(['INVITATION ID', 'EMAIL', 'ROLE', 'EXPIRES'], rows) + count(invitations, 'invitation');
}

/** `orgs keys create`: the full key once, then its details. @example io.stdout(formatOrganizationKeyCreated(created)); */
export function formatOrganizationKeyCreated(created: OrganizationKeyCreated): string {
  const { key_info: info } = created;
  return formatFields([
    ['API key', created.api_key],
    ...keyInfoFields(info),
    ['Organization', info.organization_id],
    ['Created by', info.created_by],
  ]);
}

/** `orgs keys list`. @example io.stdout(formatOrganizationKeys(page.data)); */
export function formatOrganizationKeys(keys: readonly OrganizationKeyInfo[]): string {
  if (keys.length === 0) return 'No API keys in this organization.\n';
  const rows = keys.map((key) => [key.key_id, key.name, key.key_prefix, key.service_id, key.is_active ? 'yes' : 'no', key.created_by]);
  return formatTable(['KEY ID', 'NAME', 'PREFIX', 'SERVICE', 'ACTIVE', 'CREATED BY'], rows) + count(keys, 'key');
}

/** `orgs audit`. @example io.stdout(formatAuditLog(page.data)); */
export function formatAuditLog(entries: readonly AuditLogEntry[]): string {
  if (entries.length === 0) return 'No audit-log entries.\n';
  const rows = entries.map((e) => [e.created_at, e.action, e.actor_user_id, `${e.target_type} ${e.target_id}`]);
  return formatTable(['TIME', 'ACTION', 'ACTOR', 'TARGET'], rows) + count(entries, 'entry', 'entries');
}

/** `login` without --json: who signed in; the token only with --json. @example io.stdout(formatSession(session)); */
export function formatSession(session: SiweSession): string {
  return formatFields([
    ['Signed in as', session.wallet_address],
    ['User ID', session.user_id],
    ['New user', session.is_new_user ? 'yes' : 'no'],
    ['Token expires in', `${session.expires_in} s`],
  ]);
}

/** `token validate`: the verdict and the user, or the reason. @example io.stdout(formatTokenValidation(result)); */
export function formatTokenValidation(result: TokenValidation): string {
  if (!result.valid) return formatFields([['Valid', 'no'], ['Error', result.error]]);
  return formatFields([
    ['Valid', 'yes'],
    ['User ID', result.user_id],
    ['Wallet', result.wallet_address],
    ['Permissions', result.permissions.join(', ')],
  ]);
}

function count(items: readonly unknown[], one: string, many = `${one}s`): string {
  return `${items.length} ${items.length === 1 ? one : many}\n`;
}
