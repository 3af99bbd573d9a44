// Used by SqliteStore: registrations and whitelist entries in two tables of the same database,
// created on open (`IF NOT EXISTS`), so an older data file gains them in place. Each row keeps
// the whole record as JSON plus the columns it is looked up by.
import type { SqliteDatabase } from './sqlite-driver';
import type {
  NewStoredRegistration,
  NewStoredWhitelistEntry,
  RegistrationStatus,
  RegistrationStore,
  StoredRegistration,
  StoredWhitelistEntry,
} from './registration-types';
import { emptyStatusCounts } from './registration-types';

export const REGISTRATION_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS registrations (
  seq               INTEGER PRIMARY KEY AUTOINCREMENT,
  id                TEXT    NOT NULL UNIQUE,
  email_key         TEXT    NOT NULL,
  email_domain      TEXT    NOT NULL,
  client_ip         TEXT,
  status            TEXT    NOT NULL,
  created_at        INTEGER NOT NULL,
  verify_token_hash TEXT,
  claim_token_hash  TEXT,
  doc               TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS registrations_by_email ON registrations (email_key, seq);
CREATE INDEX IF NOT EXISTS registrations_by_verify ON registrations (verify_token_hash);
CREATE INDEX IF NOT EXISTS registrations_by_claim ON registrations (claim_token_hash);
CREATE TABLE IF NOT EXISTS registration_whitelist (
  seq   INTEGER PRIMARY KEY AUTOINCREMENT,
  id    TEXT    NOT NULL UNIQUE,
  type  TEXT    NOT NULL,
  value TEXT    NOT NULL,
  doc   TEXT    NOT NULL,
  UNIQUE (type, value)
);
`;

interface Row {
  seq: number;
  doc: string;
}

const toRegistration = (row: Row | undefined): StoredRegistration | undefined =>
  row && { ...(JSON.parse(row.doc) as Omit<StoredRegistration, 'seq'>), seq: Number(row.seq) };
const toEntry = (row: Row | undefined): StoredWhitelistEntry | undefined =>
  row && { ...(JSON.parse(row.doc) as Omit<StoredWhitelistEntry, 'seq'>), seq: Number(row.seq) };
const docOf = (record: object) => {
  const { seq: _seq, ...rest } = record as { seq?: number };
  return JSON.stringify(rest);
};

/** Registrations and whitelist entries of `SqliteStore`. */
export class SqliteRegistrations implements RegistrationStore {
  readonly #s: ReturnType<typeof prepare>;
  readonly #clear: () => void;

  constructor(db: SqliteDatabase) {
    db.exec(REGISTRATION_SCHEMA_SQL);
    const statements = prepare(db);
    this.#s = statements;
    this.#clear = db.transaction(() => {
      statements.clearRegistrations.run();
      statements.clearWhitelist.run();
    });
  }

  insert(registration: NewStoredRegistration): StoredRegistration {
    const info = this.#s.insert.run(this.#columns(registration));
    return { ...registration, seq: Number(info.lastInsertRowid) };
  }

  save(registration: StoredRegistration): void {
    this.#s.update.run(this.#columns(registration));
  }

  find(id: string): StoredRegistration | undefined {
    return toRegistration(this.#s.find.get(id) as Row | undefined);
  }

  latestByEmail(emailKey: string): StoredRegistration | undefined {
    return toRegistration(this.#s.latestByEmail.get(emailKey) as Row | undefined);
  }

  findByToken(kind: 'verify' | 'claim', tokenHash: string): StoredRegistration | undefined {
    const statement = kind === 'verify' ? this.#s.byVerify : this.#s.byClaim;
    return toRegistration(statement.get(tokenHash) as Row | undefined);
  }

  list(filter: { status?: RegistrationStatus; beforeSeq?: number; limit: number }): StoredRegistration[] {
    const rows = this.#s.list.all(filter.status ?? null, filter.status ?? null, filter.beforeSeq ?? null, filter.beforeSeq ?? null, filter.limit) as Row[];
    return rows.map((row) => toRegistration(row)!);
  }

  countSince(by: { client_ip: string } | { email_domain: string }, since: number): number {
    const statement = 'client_ip' in by ? this.#s.countByIp : this.#s.countByDomain;
    return Number(statement.get('client_ip' in by ? by.client_ip : by.email_domain, since));
  }

  countByStatus(): Record<RegistrationStatus, number> {
    const counts = emptyStatusCounts();
    for (const row of this.#s.countByStatus.all() as { status: RegistrationStatus; n: number }[]) {
      if (row.status in counts) counts[row.status] = Number(row.n);
    }
    return counts;
  }

  insertWhitelist(entry: NewStoredWhitelistEntry): StoredWhitelistEntry {
    const info = this.#s.insertWhitelist.run(entry.id, entry.type, entry.value, docOf(entry));
    return { ...entry, seq: Number(info.lastInsertRowid) };
  }

  saveWhitelist(entry: StoredWhitelistEntry): void {
    this.#s.updateWhitelist.run(docOf(entry), entry.id);
  }

  findWhitelist(id: string): StoredWhitelistEntry | undefined {
    return toEntry(this.#s.findWhitelist.get(id) as Row | undefined);
  }

  findWhitelistByValue(type: 'ip' | 'domain', value: string): StoredWhitelistEntry | undefined {
    return toEntry(this.#s.findWhitelistByValue.get(type, value) as Row | undefined);
  }

  deleteWhitelist(id: string): boolean {
    return Number(this.#s.deleteWhitelist.run(id).changes) > 0;
  }

  listWhitelist(filter: { afterSeq?: number; limit: number }): StoredWhitelistEntry[] {
    return (this.#s.listWhitelist.all(filter.afterSeq ?? 0, filter.limit) as Row[]).map((row) => toEntry(row)!);
  }

  clear(): void {
    this.#clear();
  }

  #columns(r: NewStoredRegistration | StoredRegistration) {
    return {
      id: r.id,
      email_key: r.email_key,
      email_domain: r.email_domain,
      client_ip: r.client_ip,
      status: r.status,
      created_at: r.created_at,
      verify_token_hash: r.verify_token_hash,
      claim_token_hash: r.claim_token_hash,
      doc: docOf(r),
    };
  }
}

function prepare(db: SqliteDatabase) {
  const columns = 'seq, doc';
  return {
    insert: db.prepare(
      'INSERT INTO registrations (id, email_key, email_domain, client_ip, status, created_at, verify_token_hash, claim_token_hash, doc) ' +
        'VALUES (@id, @email_key, @email_domain, @client_ip, @status, @created_at, @verify_token_hash, @claim_token_hash, @doc)',
    ),
    update: db.prepare(
      'UPDATE registrations SET email_key = @email_key, email_domain = @email_domain, client_ip = @client_ip, status = @status, ' +
        'created_at = @created_at, verify_token_hash = @verify_token_hash, claim_token_hash = @claim_token_hash, doc = @doc WHERE id = @id',
    ),
    find: db.prepare(`SELECT ${columns} FROM registrations WHERE id = ?`),
    latestByEmail: db.prepare(`SELECT ${columns} FROM registrations WHERE email_key = ? ORDER BY seq DESC LIMIT 1`),
    byVerify: db.prepare(`SELECT ${columns} FROM registrations WHERE verify_token_hash = ?`),
    byClaim: db.prepare(`SELECT ${columns} FROM registrations WHERE claim_token_hash = ?`),
    list: db.prepare(
      `SELECT ${columns} FROM registrations WHERE (? IS NULL OR status = ?) AND (? IS NULL OR seq < ?) ORDER BY seq DESC LIMIT ?`,
    ),
    countByIp: db.prepare('SELECT COUNT(*) FROM registrations WHERE client_ip = ? AND created_at >= ?').pluck(),
    countByDomain: db.prepare('SELECT COUNT(*) FROM registrations WHERE email_domain = ? AND created_at >= ?').pluck(),
    countByStatus: db.prepare('SELECT status, COUNT(*) AS n FROM registrations GROUP BY status'),
    insertWhitelist: db.prepare('INSERT INTO registration_whitelist (id, type, value, doc) VALUES (?, ?, ?, ?)'),
    updateWhitelist: db.prepare('UPDATE registration_whitelist SET doc = ? WHERE id = ?'),
    findWhitelist: db.prepare(`SELECT ${columns} FROM registration_whitelist WHERE id = ?`),
    findWhitelistByValue: db.prepare(`SELECT ${columns} FROM registration_whitelist WHERE type = ? AND value = ?`),
    deleteWhitelist: db.prepare('DELETE FROM registration_whitelist WHERE id = ?'),
    listWhitelist: db.prepare(`SELECT ${columns} FROM registration_whitelist WHERE seq > ? ORDER BY seq LIMIT ?`),
    clearRegistrations: db.prepare('DELETE FROM registrations'),
    clearWhitelist: db.prepare('DELETE FROM registration_whitelist'),
  };
}
