import { randomSecretHex } from './random-secret';
import type {
  AuditFilter,
  InvitationState,
  MemberRole,
  PageRequest,
  PlatformStore,
  StoredAuditEntry,
  StoredInvitation,
  StoredMember,
  StoredNonce,
  StoredOrganization,
  StoredUser,
} from './platform-types';
import type { StoredKey } from './types';

/**
 * Users, nonces, organizations, members, invitations and the audit log of `MemoryStore`.
 * Lists are scanned: a stub holds few organizations, and a page is cut after the filter.
 */
export class MemoryPlatform implements PlatformStore {
  readonly #jwtSecret = randomSecretHex();
  readonly #listKeys: () => StoredKey[];
  #nonces = new Map<string, StoredNonce>();
  #users = new Map<string, StoredUser>();
  #userIdByAddress = new Map<string, string>();
  #orgs = new Map<string, StoredOrganization>();
  #members: StoredMember[] = [];
  #invitations: StoredInvitation[] = [];
  #audit: StoredAuditEntry[] = [];
  #seq = 1;

  constructor(listKeys: () => StoredKey[]) {
    this.#listKeys = listKeys;
  }

  jwtSecret(): string {
    return this.#jwtSecret;
  }

  insertNonce(nonce: StoredNonce): void {
    this.#nonces.set(nonce.nonce, { ...nonce });
  }

  consumeNonce(nonce: string): StoredNonce | undefined {
    const stored = this.#nonces.get(nonce);
    if (!stored) return undefined;
    const before = { ...stored };
    stored.used = true;
    return before;
  }

  insertUser(user: StoredUser): StoredUser {
    this.#users.set(user.id, { ...user });
    this.#userIdByAddress.set(user.wallet_address.toLowerCase(), user.id);
    return { ...user };
  }

  findUserById(id: string): StoredUser | undefined {
    const user = this.#users.get(id);
    return user && { ...user };
  }

  findUserByAddress(walletAddress: string): StoredUser | undefined {
    const id = this.#userIdByAddress.get(walletAddress.toLowerCase());
    return id === undefined ? undefined : this.findUserById(id);
  }

  insertOrganization(org: Omit<StoredOrganization, 'seq'>): StoredOrganization {
    const stored = { ...org, seq: this.#seq++ };
    this.#orgs.set(org.id, stored);
    return { ...stored };
  }

  findOrganization(id: string): StoredOrganization | undefined {
    const org = this.#orgs.get(id);
    return org && { ...org };
  }

  updateOrganization(id: string, changes: { name?: string; description?: string | null; updated_at: number }): StoredOrganization | undefined {
    const org = this.#orgs.get(id);
    if (!org) return undefined;
    if (changes.name !== undefined) org.name = changes.name;
    if (changes.description !== undefined) org.description = changes.description;
    org.updated_at = changes.updated_at;
    return { ...org };
  }

  deleteOrganization(id: string): boolean {
    if (!this.#orgs.delete(id)) return false;
    this.#members = this.#members.filter((member) => member.organization_id !== id);
    this.#invitations = this.#invitations.filter((invitation) => invitation.organization_id !== id);
    return true;
  }

  insertMember(member: Omit<StoredMember, 'seq'>): StoredMember {
    const stored = { ...member, seq: this.#seq++ };
    this.#members.push(stored);
    return { ...stored };
  }

  findMember(organizationId: string, userId: string): StoredMember | undefined {
    const member = this.#members.find((m) => m.organization_id === organizationId && m.user_id === userId);
    return member && { ...member };
  }

  listMembers(organizationId: string, page: PageRequest): StoredMember[] {
    return ascending(this.#members.filter((m) => m.organization_id === organizationId), page);
  }

  listMemberships(userId: string, page: PageRequest): StoredMember[] {
    return ascending(this.#members.filter((m) => m.user_id === userId), page);
  }

  countOwners(organizationId: string): number {
    return this.#members.filter((m) => m.organization_id === organizationId && m.role === 'owner').length;
  }

  setMemberRole(organizationId: string, userId: string, role: MemberRole): StoredMember | undefined {
    const member = this.#members.find((m) => m.organization_id === organizationId && m.user_id === userId);
    if (!member) return undefined;
    member.role = role;
    return { ...member };
  }

  deleteMember(organizationId: string, userId: string): boolean {
    const before = this.#members.length;
    this.#members = this.#members.filter((m) => !(m.organization_id === organizationId && m.user_id === userId));
    return this.#members.length < before;
  }

  insertInvitation(invitation: Omit<StoredInvitation, 'seq'>): StoredInvitation {
    const stored = { ...invitation, seq: this.#seq++ };
    this.#invitations.push(stored);
    return { ...stored };
  }

  findInvitation(id: string): StoredInvitation | undefined {
    const invitation = this.#invitations.find((i) => i.id === id);
    return invitation && { ...invitation };
  }

  findInvitationByTokenHash(tokenHash: string): StoredInvitation | undefined {
    const invitation = this.#invitations.find((i) => i.token_hash === tokenHash);
    return invitation && { ...invitation };
  }

  setInvitationState(id: string, from: InvitationState, to: InvitationState): boolean {
    const invitation = this.#invitations.find((i) => i.id === id);
    if (!invitation || invitation.state !== from) return false;
    invitation.state = to;
    return true;
  }

  listPendingInvitations(organizationId: string, now: number, page: PageRequest): StoredInvitation[] {
    return ascending(
      this.#invitations.filter((i) => i.organization_id === organizationId && i.state === 'pending' && i.expires_at > now),
      page,
    );
  }

  listOrganizationKeys(organizationId: string, filter: { activeAt?: number }, page: PageRequest): StoredKey[] {
    const { activeAt } = filter;
    const keys = this.#listKeys().filter(
      (key) =>
        key.organization_id === organizationId &&
        (activeAt === undefined || (key.is_active && (key.expires_at === null || key.expires_at > activeAt))),
    );
    return descending(keys, page);
  }

  insertAudit(entry: Omit<StoredAuditEntry, 'seq'>): StoredAuditEntry {
    const stored = { ...entry, details: { ...entry.details }, seq: this.#seq++ };
    this.#audit.push(stored);
    return { ...stored, details: { ...stored.details } };
  }

  listAudit(organizationId: string, filter: AuditFilter, page: PageRequest): StoredAuditEntry[] {
    const entries = this.#audit.filter(
      (e) =>
        e.organization_id === organizationId &&
        (filter.action === undefined || e.action === filter.action) &&
        (filter.since === undefined || e.created_at >= filter.since) &&
        (filter.until === undefined || e.created_at < filter.until),
    );
    return descending(entries, page).map((e) => ({ ...e, details: { ...e.details } }));
  }

  clear(): void {
    this.#nonces = new Map();
    this.#users = new Map();
    this.#userIdByAddress = new Map();
    this.#orgs = new Map();
    this.#members = [];
    this.#invitations = [];
    this.#audit = [];
  }
}

/** Rows after position `page.after`, oldest first. */
function ascending<T extends { seq: number }>(rows: T[], page: PageRequest): T[] {
  return rows
    .filter((row) => page.after === undefined || row.seq > page.after)
    .sort((a, b) => a.seq - b.seq)
    .slice(0, page.limit)
    .map((row) => ({ ...row }));
}

/** Rows below position `page.after`, newest first. */
function descending<T extends { seq: number }>(rows: T[], page: PageRequest): T[] {
  return rows
    .filter((row) => page.after === undefined || row.seq < page.after)
    .sort((a, b) => b.seq - a.seq)
    .slice(0, page.limit)
    .map((row) => ({ ...row }));
}
