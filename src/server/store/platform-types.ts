import type { StoredKey } from './types';

/**
 * Users, sign-in nonces, organizations, members, invitations and the audit log as a store holds
 * them. Times are epoch milliseconds; `seq` orders rows by insertion and is the position a page
 * cursor points at. Invitation tokens are held only as a hash.
 */

/** A wallet user, created on its first sign-in. `wallet_address` is EIP-55 checksummed. */
export interface StoredUser {
  id: string;
  wallet_address: string;
  created_at: number;
}

/** A sign-in nonce: issued for one address, lives until `expires_at`, used once. */
export interface StoredNonce {
  nonce: string;
  wallet_address: string;
  issued_at: number;
  expires_at: number;
  used: boolean;
}

export interface StoredOrganization {
  seq: number;
  id: string;
  name: string;
  description: string | null;
  created_by: string;
  created_at: number;
  updated_at: number;
}

export type MemberRole = 'owner' | 'admin' | 'developer' | 'viewer';

export interface StoredMember {
  seq: number;
  organization_id: string;
  user_id: string;
  role: MemberRole;
  joined_at: number;
}

export type InvitationState = 'pending' | 'accepted' | 'revoked';

export interface StoredInvitation {
  seq: number;
  id: string;
  organization_id: string;
  email: string;
  role: MemberRole;
  token_hash: string;
  state: InvitationState;
  invited_by: string;
  created_at: number;
  expires_at: number;
}

export interface StoredAuditEntry {
  seq: number;
  id: string;
  organization_id: string;
  actor_user_id: string;
  action: string;
  target_type: string;
  target_id: string;
  details: Record<string, unknown>;
  created_at: number;
}

/** A page request: rows after position `after` (exclusive), at most `limit`. */
export interface PageRequest {
  after?: number;
  limit: number;
}

/** Filters of the audit log; `since` inclusive, `until` exclusive. */
export interface AuditFilter {
  action?: string;
  since?: number;
  until?: number;
}

/**
 * What the engine needs for wallet sign-in and organizations. Every step is synchronous and
 * atomic; `consumeNonce` and `setInvitationState` change a row only from its expected state, so
 * of two concurrent uses exactly one wins.
 *
 * @example
 * const user = store.findUserByAddress('0x742d35Cc6634C0532925a3b844Bc454e4438f44e');
 */
export interface PlatformStore {
  /** The per-store secret access tokens are signed with (hex); created once, kept for the store's life. */
  jwtSecret(): string;
  insertNonce(nonce: StoredNonce): void;
  /** Marks the nonce used if it is unused; returns it as it was before, undefined when unknown. */
  consumeNonce(nonce: string): StoredNonce | undefined;
  insertUser(user: StoredUser): StoredUser;
  findUserById(id: string): StoredUser | undefined;
  findUserByAddress(walletAddress: string): StoredUser | undefined;
  insertOrganization(org: Omit<StoredOrganization, 'seq'>): StoredOrganization;
  findOrganization(id: string): StoredOrganization | undefined;
  updateOrganization(id: string, changes: { name?: string; description?: string | null; updated_at: number }): StoredOrganization | undefined;
  /** Removes the organization with its members and invitations (its keys and audit log stay). */
  deleteOrganization(id: string): boolean;
  insertMember(member: Omit<StoredMember, 'seq'>): StoredMember;
  findMember(organizationId: string, userId: string): StoredMember | undefined;
  /** Members in joining order. */
  listMembers(organizationId: string, page: PageRequest): StoredMember[];
  /** A user's memberships in joining order. */
  listMemberships(userId: string, page: PageRequest): StoredMember[];
  countOwners(organizationId: string): number;
  setMemberRole(organizationId: string, userId: string, role: MemberRole): StoredMember | undefined;
  deleteMember(organizationId: string, userId: string): boolean;
  insertInvitation(invitation: Omit<StoredInvitation, 'seq'>): StoredInvitation;
  findInvitation(id: string): StoredInvitation | undefined;
  findInvitationByTokenHash(tokenHash: string): StoredInvitation | undefined;
  /** Sets the state only from `from`; true when this call changed it. */
  setInvitationState(id: string, from: InvitationState, to: InvitationState): boolean;
  /** Pending invitations not expired at `now`, oldest first. */
  listPendingInvitations(organizationId: string, now: number, page: PageRequest): StoredInvitation[];
  insertAudit(entry: Omit<StoredAuditEntry, 'seq'>): StoredAuditEntry;
  /** An organization's keys, newest first (`page.after`: a position to go below); `activeAt`: only keys usable then. */
  listOrganizationKeys(organizationId: string, filter: { activeAt?: number }, page: PageRequest): StoredKey[];
  /** Newest first: `page.after` is a position to go below. */
  listAudit(organizationId: string, filter: AuditFilter, page: PageRequest): StoredAuditEntry[];
}
