// The platform part of the Store contract (users, nonces, organizations, members, invitations,
// audit log, organization keys), run against MemoryStore and SqliteStore alike, and what a
// SQLite data file keeps across a restart or an upgrade.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src/server';
import { SqliteStore } from '../../../src/server/node';
import type { Store } from '../../../src/server';
import { newKey } from '../store/store-contract';

const dir = mkdtempSync(join(tmpdir(), 'hokusai-platform-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const freshFile = () => join(dir, `store-${++files}.sqlite`);

const ORG = '7b1d2c3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
const ALICE = '550e8400-e29b-41d4-a716-446655440000';
const BOB = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';

function org(store: Store, id = ORG) {
  return store.platform.insertOrganization({ id, name: 'Acme', description: null, created_by: ALICE, created_at: 1000, updated_at: 1000 });
}

function describePlatformStore(name: string, open: () => Store): void {
  describe(`${name} (platform Store contract)`, () => {
    it('finds users by id and by address in any case', () => {
      const store = open();
      store.platform.insertUser({ id: ALICE, wallet_address: '0x742d35Cc6634C0532925a3b844Bc454e4438f44e', created_at: 5 });
      expect(store.platform.findUserById(ALICE)).toEqual({ id: ALICE, wallet_address: '0x742d35Cc6634C0532925a3b844Bc454e4438f44e', created_at: 5 });
      expect(store.platform.findUserByAddress('0x742d35cc6634c0532925a3b844bc454e4438f44e')?.id).toBe(ALICE);
      expect(store.platform.findUserByAddress('0x0000000000000000000000000000000000000000')).toBeUndefined();
    });

    it('hands a nonce out once: the first consume sees it unused, later ones used', () => {
      const store = open();
      store.platform.insertNonce({ nonce: 'abc12345', wallet_address: '0xA', issued_at: 1, expires_at: 2, used: false });
      expect(store.platform.consumeNonce('abc12345')).toEqual({ nonce: 'abc12345', wallet_address: '0xA', issued_at: 1, expires_at: 2, used: false });
      expect(store.platform.consumeNonce('abc12345')?.used).toBe(true);
      expect(store.platform.consumeNonce('unknown')).toBeUndefined();
    });

    it('keeps organizations, updates given fields, and deletes them with their members and invitations', () => {
      const store = open();
      org(store);
      expect(store.platform.updateOrganization(ORG, { description: 'Models', updated_at: 2000 })).toMatchObject({ name: 'Acme', description: 'Models', updated_at: 2000 });
      store.platform.insertMember({ organization_id: ORG, user_id: ALICE, role: 'owner', joined_at: 1 });
      store.platform.insertInvitation({
        id: '2c4e6a8b-1d3f-4e5a-9b7c-0d2e4f6a8b1c',
        organization_id: ORG,
        email: 'a@example.com',
        role: 'viewer',
        token_hash: 'h1',
        state: 'pending',
        invited_by: ALICE,
        created_at: 1,
        expires_at: 10,
      });
      expect(store.platform.deleteOrganization(ORG)).toBe(true);
      expect(store.platform.findOrganization(ORG)).toBeUndefined();
      expect(store.platform.findMember(ORG, ALICE)).toBeUndefined();
      expect(store.platform.findInvitation('2c4e6a8b-1d3f-4e5a-9b7c-0d2e4f6a8b1c')).toBeUndefined();
      expect(store.platform.deleteOrganization(ORG)).toBe(false);
    });

    it('pages members in joining order, counts owners, changes roles and removes members', () => {
      const store = open();
      org(store);
      const first = store.platform.insertMember({ organization_id: ORG, user_id: ALICE, role: 'owner', joined_at: 1 });
      store.platform.insertMember({ organization_id: ORG, user_id: BOB, role: 'viewer', joined_at: 2 });
      expect(store.platform.listMembers(ORG, { limit: 1 }).map((m) => m.user_id)).toEqual([ALICE]);
      expect(store.platform.listMembers(ORG, { limit: 5, after: first.seq }).map((m) => m.user_id)).toEqual([BOB]);
      expect(store.platform.listMemberships(BOB, { limit: 5 }).map((m) => m.organization_id)).toEqual([ORG]);
      expect(store.platform.countOwners(ORG)).toBe(1);
      expect(store.platform.setMemberRole(ORG, BOB, 'owner')?.role).toBe('owner');
      expect(store.platform.countOwners(ORG)).toBe(2);
      expect(store.platform.deleteMember(ORG, BOB)).toBe(true);
      expect(store.platform.deleteMember(ORG, BOB)).toBe(false);
      expect(store.platform.setMemberRole(ORG, BOB, 'admin')).toBeUndefined();
    });

    it('moves an invitation out of a state only once, and lists pending ones that are live', () => {
      const store = open();
      org(store);
      const base = { organization_id: ORG, email: 'a@example.com', role: 'viewer' as const, state: 'pending' as const, invited_by: ALICE, created_at: 1 };
      store.platform.insertInvitation({ ...base, id: '00000000-0000-4000-8000-000000000001', token_hash: 't1', expires_at: 100 });
      store.platform.insertInvitation({ ...base, id: '00000000-0000-4000-8000-000000000002', token_hash: 't2', expires_at: 10 });
      expect(store.platform.findInvitationByTokenHash('t1')?.id).toBe('00000000-0000-4000-8000-000000000001');
      expect(store.platform.listPendingInvitations(ORG, 50, { limit: 10 }).map((i) => i.token_hash)).toEqual(['t1']);
      expect(store.platform.setInvitationState('00000000-0000-4000-8000-000000000001', 'pending', 'accepted')).toBe(true);
      expect(store.platform.setInvitationState('00000000-0000-4000-8000-000000000001', 'pending', 'revoked')).toBe(false);
      expect(store.platform.findInvitation('00000000-0000-4000-8000-000000000001')?.state).toBe('accepted');
      expect(store.platform.listPendingInvitations(ORG, 5, { limit: 10 }).map((i) => i.token_hash)).toEqual(['t2']);
    });

    it('lists the audit log newest first, filtered by action and time, below a position', () => {
      const store = open();
      const entry = (action: string, at: number) =>
        store.platform.insertAudit({ id: crypto.randomUUID(), organization_id: ORG, actor_user_id: ALICE, action, target_type: 'organization', target_id: ORG, details: { at }, created_at: at });
      entry('organization.created', 10);
      const middle = entry('organization.updated', 20);
      entry('organization.updated', 30);
      expect(store.platform.listAudit(ORG, {}, { limit: 10 }).map((e) => e.created_at)).toEqual([30, 20, 10]);
      expect(store.platform.listAudit(ORG, {}, { limit: 10, after: middle.seq }).map((e) => e.created_at)).toEqual([10]);
      expect(store.platform.listAudit(ORG, { action: 'organization.updated' }, { limit: 10 }).map((e) => e.created_at)).toEqual([30, 20]);
      expect(store.platform.listAudit(ORG, { since: 20, until: 30 }, { limit: 10 })).toEqual([expect.objectContaining({ created_at: 20, details: { at: 20 } })]);
      expect(store.platform.listAudit(BOB, {}, { limit: 10 })).toEqual([]);
    });

    it("lists an organization's keys newest first, the active ones when asked, and keeps their organization fields", () => {
      const store = open();
      const a = store.insertKey(newKey({ organization_id: ORG, created_by: ALICE, user_id: ALICE }));
      const b = store.insertKey(newKey({ organization_id: ORG, created_by: BOB, user_id: BOB, expires_at: 50 }));
      store.insertKey(newKey());
      expect(store.findKeyById(a.key_id)).toMatchObject({ organization_id: ORG, created_by: ALICE });
      expect(store.platform.listOrganizationKeys(ORG, {}, { limit: 10 }).map((k) => k.key_id)).toEqual([b.key_id, a.key_id]);
      expect(store.platform.listOrganizationKeys(ORG, {}, { limit: 10, after: b.seq }).map((k) => k.key_id)).toEqual([a.key_id]);
      expect(store.platform.listOrganizationKeys(ORG, { activeAt: 60 }, { limit: 10 }).map((k) => k.key_id)).toEqual([a.key_id]);
    });

    it('forgets every user, nonce and organization on clear(), keeping its token secret', () => {
      const store = open();
      const secret = store.platform.jwtSecret();
      expect(secret).toMatch(/^[0-9a-f]{64}$/);
      org(store);
      store.platform.insertUser({ id: ALICE, wallet_address: '0xA', created_at: 1 });
      store.platform.insertNonce({ nonce: 'n1', wallet_address: '0xA', issued_at: 1, expires_at: 2, used: false });
      store.clear();
      expect(store.platform.findOrganization(ORG)).toBeUndefined();
      expect(store.platform.findUserById(ALICE)).toBeUndefined();
      expect(store.platform.consumeNonce('n1')).toBeUndefined();
      expect(store.platform.jwtSecret()).toBe(secret);
    });
  });
}

describePlatformStore('MemoryStore', () => new MemoryStore());
describePlatformStore('SqliteStore', () => new SqliteStore({ filename: freshFile() }));
describePlatformStore('SqliteStore in memory', () => new SqliteStore({ filename: ':memory:' }));

describe('a SQLite data file', () => {
  it('keeps users, organizations and the token secret across a restart', () => {
    const filename = freshFile();
    const first = new SqliteStore({ filename });
    const secret = first.platform.jwtSecret();
    org(first);
    first.platform.insertUser({ id: ALICE, wallet_address: '0xA', created_at: 1 });
    first.close();
    const again = new SqliteStore({ filename });
    expect(again.platform.jwtSecret()).toBe(secret);
    expect(again.platform.findOrganization(ORG)?.name).toBe('Acme');
    expect(again.platform.findUserById(ALICE)).toBeDefined();
    again.close();
  });

  it('written by the previous version gains the organization columns, its keys intact', () => {
    const filename = freshFile();
    const store = new SqliteStore({ filename });
    const key = store.insertKey(newKey());
    store.close();
    // Back to schema version 2: the api_keys table without the organization columns.
    const db = new Database(filename);
    db.exec(
      'DROP INDEX api_keys_by_org; ALTER TABLE api_keys DROP COLUMN organization_id; ALTER TABLE api_keys DROP COLUMN created_by; ' +
        "UPDATE meta SET value = '2' WHERE key = 'schema_version';",
    );
    db.close();
    const upgraded = new SqliteStore({ filename });
    expect(upgraded.findKeyById(key.key_id)).toEqual(key);
    const orgKey = upgraded.insertKey(newKey({ organization_id: ORG, created_by: ALICE }));
    expect(upgraded.platform.listOrganizationKeys(ORG, {}, { limit: 5 }).map((k) => k.key_id)).toEqual([orgKey.key_id]);
    upgraded.close();
  });
});
