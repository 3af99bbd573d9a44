// Node only, used by SqliteStore: users, sign-in nonces, organizations, members, invitations and
// the audit log in tables of the same database, created on open (`IF NOT EXISTS`), so an older
// data file gains them in place.
import { randomSecretHex } from './random-secret';
import type { SqliteDatabase, SqliteStatement } from './sqlite-driver';
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

export const PLATFORM_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS siwe_nonces (
  nonce          TEXT    PRIMARY KEY,
  wallet_address TEXT    NOT NULL,
  issued_at      INTEGER NOT NULL,
  expires_at     INTEGER NOT NULL,
  used           INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS users (
  id             TEXT    PRIMARY KEY,
  wallet_address TEXT    NOT NULL,
  address_key    TEXT    NOT NULL UNIQUE,
  created_at     INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS organizations (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  id          TEXT    NOT NULL UNIQUE,
  name        TEXT    NOT NULL,
  description TEXT,
  created_by  TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS org_members (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  organization_id TEXT    NOT NULL,
  user_id         TEXT    NOT NULL,
  role            TEXT    NOT NULL,
  joined_at       INTEGER NOT NULL,
  UNIQUE (organization_id, user_id)
);
CREATE INDEX IF NOT EXISTS org_members_by_user ON org_members (user_id, seq);
CREATE TABLE IF NOT EXISTS org_invitations (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  id              TEXT    NOT NULL UNIQUE,
  organization_id TEXT    NOT NULL,
  email           TEXT    NOT NULL,
  role            TEXT    NOT NULL,
  token_hash      TEXT    NOT NULL UNIQUE,
  state           TEXT    NOT NULL,
  invited_by      TEXT    NOT NULL,
  created_at      INTEGER NOT NULL,
  expires_at      INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS org_audit_log (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  id              TEXT    NOT NULL UNIQUE,
  organization_id TEXT    NOT NULL,
  actor_user_id   TEXT    NOT NULL,
  action          TEXT    NOT NULL,
  target_type     TEXT    NOT NULL,
  target_id       TEXT    NOT NULL,
  details         TEXT    NOT NULL,
  created_at      INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS org_audit_by_org ON org_audit_log (organization_id, seq);
`;

const NO_POSITION = -1;
const TOP_POSITION = Number.MAX_SAFE_INTEGER;
type AuditRow = Omit<StoredAuditEntry, 'details'> & { details: string };

/** The platform part of `SqliteStore`; steps that must not interleave are single statements. */
export class SqlitePlatform implements PlatformStore {
  readonly #secret: string;
  readonly #s: ReturnType<typeof prepare>;
  readonly #keyFromRow: (row: never) => StoredKey;
  readonly #orgKeys: SqliteStatement;
  readonly #deleteOrganization: (id: string) => boolean;
  readonly #consume: (nonce: string) => StoredNonce | undefined;
  readonly #clear: (sql: string) => void;

  constructor(db: SqliteDatabase, keys: { columns: string; fromRow: (row: never) => StoredKey }) {
    db.exec(PLATFORM_SCHEMA_SQL);
    this.#s = prepare(db);
    this.#clear = (sql) => db.exec(sql);
    this.#keyFromRow = keys.fromRow;
    this.#orgKeys = db.prepare(
      `SELECT seq, ${keys.columns} FROM api_keys WHERE organization_id = ? AND seq < ? ` +
        'AND (? IS NULL OR (is_active = 1 AND (expires_at IS NULL OR expires_at > ?))) ORDER BY seq DESC LIMIT ?',
    );
    const s = this.#s;
    s.insertMeta.run('jwt_secret', randomSecretHex());
    this.#secret = (s.meta.get('jwt_secret') as { value: string }).value;
    this.#deleteOrganization = db.transaction((id: string) => {
      const removed = s.deleteOrganization.run(id).changes > 0;
      s.deleteMembersOf.run(id);
      s.deleteInvitationsOf.run(id);
      return removed;
    });
    this.#consume = db.transaction((nonce: string) => {
      const row = s.findNonce.get(nonce) as (Omit<StoredNonce, 'used'> & { used: number }) | undefined;
      if (!row) return undefined;
      s.useNonce.run(nonce);
      return { ...row, used: row.used === 1 };
    });
  }

  jwtSecret(): string {
    return this.#secret;
  }

  insertNonce(nonce: StoredNonce): void {
    this.#s.insertNonce.run({ ...nonce, used: nonce.used ? 1 : 0 });
  }

  consumeNonce(nonce: string): StoredNonce | undefined {
    return this.#consume(nonce);
  }

  insertUser(user: StoredUser): StoredUser {
    this.#s.insertUser.run({ ...user, address_key: user.wallet_address.toLowerCase() });
    return { ...user };
  }

  findUserById(id: string): StoredUser | undefined {
    return this.#s.userById.get(id) as StoredUser | undefined;
  }

  findUserByAddress(walletAddress: string): StoredUser | undefined {
    return this.#s.userByAddress.get(walletAddress.toLowerCase()) as StoredUser | undefined;
  }

  insertOrganization(org: Omit<StoredOrganization, 'seq'>): StoredOrganization {
    const info = this.#s.insertOrganization.run(org);
    return { ...org, seq: Number(info.lastInsertRowid) };
  }

  findOrganization(id: string): StoredOrganization | undefined {
    return this.#s.organization.get(id) as StoredOrganization | undefined;
  }

  updateOrganization(id: string, changes: { name?: string; description?: string | null; updated_at: number }): StoredOrganization | undefined {
    const current = this.findOrganization(id);
    if (!current) return undefined;
    const next = {
      name: changes.name ?? current.name,
      description: changes.description === undefined ? current.description : changes.description,
      updated_at: changes.updated_at,
    };
    this.#s.updateOrganization.run(next.name, next.description, next.updated_at, id);
    return { ...current, ...next };
  }

  deleteOrganization(id: string): boolean {
    return this.#deleteOrganization(id);
  }

  insertMember(member: Omit<StoredMember, 'seq'>): StoredMember {
    const info = this.#s.insertMember.run(member);
    return { ...member, seq: Number(info.lastInsertRowid) };
  }

  findMember(organizationId: string, userId: string): StoredMember | undefined {
    return this.#s.member.get(organizationId, userId) as StoredMember | undefined;
  }

  listMembers(organizationId: string, page: PageRequest): StoredMember[] {
    return this.#s.listMembers.all(organizationId, page.after ?? NO_POSITION, page.limit) as StoredMember[];
  }

  listMemberships(userId: string, page: PageRequest): StoredMember[] {
    return this.#s.listMemberships.all(userId, page.after ?? NO_POSITION, page.limit) as StoredMember[];
  }

  countOwners(organizationId: string): number {
    return this.#s.countOwners.get(organizationId) as number;
  }

  setMemberRole(organizationId: string, userId: string, role: MemberRole): StoredMember | undefined {
    if (this.#s.setRole.run(role, organizationId, userId).changes === 0) return undefined;
    return this.findMember(organizationId, userId);
  }

  deleteMember(organizationId: string, userId: string): boolean {
    return this.#s.deleteMember.run(organizationId, userId).changes > 0;
  }

  insertInvitation(invitation: Omit<StoredInvitation, 'seq'>): StoredInvitation {
    const info = this.#s.insertInvitation.run(invitation);
    return { ...invitation, seq: Number(info.lastInsertRowid) };
  }

  findInvitation(id: string): StoredInvitation | undefined {
    return this.#s.invitation.get(id) as StoredInvitation | undefined;
  }

  findInvitationByTokenHash(tokenHash: string): StoredInvitation | undefined {
    return this.#s.invitationByToken.get(tokenHash) as StoredInvitation | undefined;
  }

  setInvitationState(id: string, from: InvitationState, to: InvitationState): boolean {
    return this.#s.setInvitationState.run(to, id, from).changes > 0;
  }

  listPendingInvitations(organizationId: string, now: number, page: PageRequest): StoredInvitation[] {
    return this.#s.pendingInvitations.all(organizationId, now, page.after ?? NO_POSITION, page.limit) as StoredInvitation[];
  }

  listOrganizationKeys(organizationId: string, filter: { activeAt?: number }, page: PageRequest): StoredKey[] {
    const activeAt = filter.activeAt ?? null;
    const rows = this.#orgKeys.all(organizationId, page.after ?? TOP_POSITION, activeAt, activeAt, page.limit) as never[];
    return rows.map(this.#keyFromRow);
  }

  insertAudit(entry: Omit<StoredAuditEntry, 'seq'>): StoredAuditEntry {
    const info = this.#s.insertAudit.run({ ...entry, details: JSON.stringify(entry.details) });
    return { ...entry, details: { ...entry.details }, seq: Number(info.lastInsertRowid) };
  }

  listAudit(organizationId: string, filter: AuditFilter, page: PageRequest): StoredAuditEntry[] {
    const rows = this.#s.listAudit.all(
      organizationId,
      page.after ?? TOP_POSITION,
      filter.action ?? null,
      filter.action ?? null,
      filter.since ?? null,
      filter.since ?? null,
      filter.until ?? null,
      filter.until ?? null,
      page.limit,
    ) as AuditRow[];
    return rows.map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }));
  }

  clear(): void {
    this.#clear(
      'BEGIN; DELETE FROM siwe_nonces; DELETE FROM users; DELETE FROM organizations; DELETE FROM org_members; ' +
        'DELETE FROM org_invitations; DELETE FROM org_audit_log; COMMIT;',
    );
  }
}

const ORG_COLUMNS = 'seq, id, name, description, created_by, created_at, updated_at';
const MEMBER_COLUMNS = 'seq, organization_id, user_id, role, joined_at';
const INVITATION_COLUMNS = 'seq, id, organization_id, email, role, token_hash, state, invited_by, created_at, expires_at';
const AUDIT_COLUMNS = 'seq, id, organization_id, actor_user_id, action, target_type, target_id, details, created_at';

function prepare(db: SqliteDatabase) {
  const q = (sql: string) => db.prepare(sql);
  return {
    insertMeta: q('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)'),
    meta: q('SELECT value FROM meta WHERE key = ?'),
    insertNonce: q('INSERT INTO siwe_nonces (nonce, wallet_address, issued_at, expires_at, used) VALUES (@nonce, @wallet_address, @issued_at, @expires_at, @used)'),
    findNonce: q('SELECT nonce, wallet_address, issued_at, expires_at, used FROM siwe_nonces WHERE nonce = ?'),
    useNonce: q('UPDATE siwe_nonces SET used = 1 WHERE nonce = ?'),
    insertUser: q('INSERT INTO users (id, wallet_address, address_key, created_at) VALUES (@id, @wallet_address, @address_key, @created_at)'),
    userById: q('SELECT id, wallet_address, created_at FROM users WHERE id = ?'),
    userByAddress: q('SELECT id, wallet_address, created_at FROM users WHERE address_key = ?'),
    insertOrganization: q(
      'INSERT INTO organizations (id, name, description, created_by, created_at, updated_at) VALUES (@id, @name, @description, @created_by, @created_at, @updated_at)',
    ),
    organization: q(`SELECT ${ORG_COLUMNS} FROM organizations WHERE id = ?`),
    updateOrganization: q('UPDATE organizations SET name = ?, description = ?, updated_at = ? WHERE id = ?'),
    deleteOrganization: q('DELETE FROM organizations WHERE id = ?'),
    deleteMembersOf: q('DELETE FROM org_members WHERE organization_id = ?'),
    deleteInvitationsOf: q('DELETE FROM org_invitations WHERE organization_id = ?'),
    insertMember: q('INSERT INTO org_members (organization_id, user_id, role, joined_at) VALUES (@organization_id, @user_id, @role, @joined_at)'),
    member: q(`SELECT ${MEMBER_COLUMNS} FROM org_members WHERE organization_id = ? AND user_id = ?`),
    listMembers: q(`SELECT ${MEMBER_COLUMNS} FROM org_members WHERE organization_id = ? AND seq > ? ORDER BY seq LIMIT ?`),
    listMemberships: q(`SELECT ${MEMBER_COLUMNS} FROM org_members WHERE user_id = ? AND seq > ? ORDER BY seq LIMIT ?`),
    countOwners: q("SELECT COUNT(*) FROM org_members WHERE organization_id = ? AND role = 'owner'").pluck(),
    setRole: q('UPDATE org_members SET role = ? WHERE organization_id = ? AND user_id = ?'),
    deleteMember: q('DELETE FROM org_members WHERE organization_id = ? AND user_id = ?'),
    insertInvitation: q(
      'INSERT INTO org_invitations (id, organization_id, email, role, token_hash, state, invited_by, created_at, expires_at) ' +
        'VALUES (@id, @organization_id, @email, @role, @token_hash, @state, @invited_by, @created_at, @expires_at)',
    ),
    invitation: q(`SELECT ${INVITATION_COLUMNS} FROM org_invitations WHERE id = ?`),
    invitationByToken: q(`SELECT ${INVITATION_COLUMNS} FROM org_invitations WHERE token_hash = ?`),
    setInvitationState: q('UPDATE org_invitations SET state = ? WHERE id = ? AND state = ?'),
    pendingInvitations: q(
      `SELECT ${INVITATION_COLUMNS} FROM org_invitations WHERE organization_id = ? AND state = 'pending' AND expires_at > ? ` +
        'AND seq > ? ORDER BY seq LIMIT ?',
    ),
    insertAudit: q(
      'INSERT INTO org_audit_log (id, organization_id, actor_user_id, action, target_type, target_id, details, created_at) ' +
        'VALUES (@id, @organization_id, @actor_user_id, @action, @target_type, @target_id, @details, @created_at)',
    ),
    listAudit: q(
      `SELECT ${AUDIT_COLUMNS} FROM org_audit_log WHERE organization_id = ? AND seq < ? AND (? IS NULL OR action = ?) ` +
        'AND (? IS NULL OR created_at >= ?) AND (? IS NULL OR created_at < ?) ORDER BY seq DESC LIMIT ?',
    ),
  };
}
