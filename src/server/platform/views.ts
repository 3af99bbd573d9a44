import type { EngineContext } from '../engine/context';
import { toKeyInfo } from '../engine/key-info';
import { toIsoSeconds } from '../engine/time';
import type { StoredAuditEntry, StoredInvitation, StoredMember, StoredOrganization } from '../store/platform-types';
import type { StoredKey } from '../store/types';
import type { AuditLogEntry, Invitation, Organization, OrganizationApiKeyInfo, OrganizationMember } from './types';

/** The public view of an organization. */
export function toOrganization(org: StoredOrganization): Organization {
  return {
    id: org.id,
    name: org.name,
    description: org.description,
    created_by: org.created_by,
    created_at: toIsoSeconds(org.created_at),
    updated_at: toIsoSeconds(org.updated_at),
  };
}

/** The public view of a member, with its wallet address. */
export function toMember(ctx: EngineContext, member: StoredMember): OrganizationMember {
  return {
    user_id: member.user_id,
    wallet_address: ctx.store.platform.findUserById(member.user_id)?.wallet_address ?? '0x0000000000000000000000000000000000000000',
    role: member.role,
    joined_at: toIsoSeconds(member.joined_at),
  };
}

/** The public view of an invitation (never its token); a pending one past its expiry reads `expired`. */
export function toInvitation(invitation: StoredInvitation, now: number): Invitation {
  const expired = invitation.state === 'pending' && now >= invitation.expires_at;
  return {
    id: invitation.id,
    organization_id: invitation.organization_id,
    email: invitation.email,
    role: invitation.role,
    status: expired ? 'expired' : invitation.state,
    invited_by: invitation.invited_by,
    created_at: toIsoSeconds(invitation.created_at),
    expires_at: toIsoSeconds(invitation.expires_at),
  };
}

/** The public view of an organization key. */
export function toOrganizationKeyInfo(key: StoredKey): OrganizationApiKeyInfo {
  return { ...toKeyInfo(key), organization_id: key.organization_id ?? '', created_by: key.created_by ?? key.user_id };
}

/** The public view of an audit-log entry. */
export function toAuditEntry(entry: StoredAuditEntry): AuditLogEntry {
  return {
    id: entry.id,
    organization_id: entry.organization_id,
    actor_user_id: entry.actor_user_id,
    action: entry.action as AuditLogEntry['action'],
    target_type: entry.target_type as AuditLogEntry['target_type'],
    target_id: entry.target_id,
    details: { ...entry.details },
    created_at: toIsoSeconds(entry.created_at),
  };
}
