// Organizations beyond the role table: ownership and the last owner, invitations by mail (single
// use, seven days), organization keys that validate like any key, the audit log, pagination,
// and a 400 naming the field for every malformed id, role, email, limit or cursor.
import { describe, expect, it } from 'vitest';
import { invite, joinAs, lastInvitationToken, makePlatformApp, orgWithEveryRole } from './support';
import type { PlatformApp } from './support';

type Page<T> = { data: T[]; next_cursor: string | null };
const orgPath = (orgId: string, rest = '') => `/api/v1/organizations/${orgId}${rest}`;

async function newOrg(t: PlatformApp, token: string, name = 'Acme Research') {
  return t.expectAs<{ id: string; name: string; created_by: string }>(201, token, '/api/v1/organizations', { method: 'POST', json: { name } });
}

/** Every item of a paginated list, following `next_cursor` with pages of `limit`. */
async function everyPage<T>(t: PlatformApp, token: string, path: string, limit: number): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let pages = 0;
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page: Page<T> = await t.expectAs<Page<T>>(200, token, `${path}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...page.data);
    pages += 1;
    cursor = page.next_cursor;
  } while (cursor);
  return { items, pages };
}

describe('organizations', () => {
  it('makes the creator its owner, and lists the caller’s organizations with its role', async () => {
    const t = makePlatformApp();
    const alice = await t.signIn('alice');
    const org = await newOrg(t, alice.token);
    expect(org).toMatchObject({ name: 'Acme Research', created_by: alice.user_id, description: null });
    const members = await t.expectAs<Page<{ user_id: string; role: string; wallet_address: string }>>(200, alice.token, orgPath(org.id, '/members'));
    expect(members).toEqual({ data: [{ user_id: alice.user_id, wallet_address: alice.address, role: 'owner', joined_at: '2025-01-15T10:30:00Z' }], next_cursor: null });
    const mine = await t.expectAs<Page<{ id: string; role: string }>>(200, alice.token, '/api/v1/organizations');
    expect(mine.data.map(({ id, role }) => ({ id, role }))).toEqual([{ id: org.id, role: 'owner' }]);
  });

  it('updates only the fields given', async () => {
    const t = makePlatformApp();
    const alice = await t.signIn('alice');
    const org = await newOrg(t, alice.token);
    t.clock.advance(60_000);
    const updated = await t.expectAs(200, alice.token, orgPath(org.id), { method: 'PATCH', json: { description: 'Models' } });
    expect(updated).toMatchObject({ name: 'Acme Research', description: 'Models', updated_at: '2025-01-15T10:31:00Z' });
  });

  it('deleting one revokes its keys and makes it unknown', async () => {
    const t = makePlatformApp();
    const alice = await t.signIn('alice');
    const org = await newOrg(t, alice.token);
    const { api_key } = await t.expectAs<{ api_key: string }>(201, alice.token, orgPath(org.id, '/api-keys'), {
      method: 'POST',
      json: { name: 'Team key', service_id: 'prediction' },
    });
    await t.expectAs(200, alice.token, orgPath(org.id), { method: 'DELETE' });
    expect(await (await t.validate(api_key)).json()).toMatchObject({ is_valid: false, error_code: 'revoked' });
    expect(await t.expectAs(404, alice.token, orgPath(org.id))).toEqual({ detail: 'Organization not found' });
  });

  it('always keeps an owner: the last one can be neither demoted nor removed (409)', async () => {
    const t = makePlatformApp();
    const f = await orgWithEveryRole(t);
    const { owner, admin } = f.users;
    const lastOwner = { detail: 'An organization must keep at least one owner' };
    expect(await t.expectAs(409, owner.token, orgPath(f.orgId, `/members/${owner.user_id}`), { method: 'PATCH', json: { role: 'admin' } })).toEqual(lastOwner);
    expect(await t.expectAs(409, owner.token, orgPath(f.orgId, `/members/${owner.user_id}`), { method: 'DELETE' })).toEqual(lastOwner);
    // With a second owner, the first may step down.
    await t.expectAs(200, owner.token, orgPath(f.orgId, `/members/${admin.user_id}`), { method: 'PATCH', json: { role: 'owner' } });
    await t.expectAs(200, owner.token, orgPath(f.orgId, `/members/${owner.user_id}`), { method: 'PATCH', json: { role: 'viewer' } });
    expect(await t.expectAs(409, admin.token, orgPath(f.orgId, `/members/${admin.user_id}`), { method: 'DELETE' })).toEqual(lastOwner);
  });

  it('lets only an owner grant, change or remove the owner role', async () => {
    const t = makePlatformApp();
    const f = await orgWithEveryRole(t);
    const { owner, admin, target } = f.users;
    const denied = { detail: 'Insufficient permissions' };
    expect(await t.expectAs(403, admin.token, orgPath(f.orgId, `/members/${target.user_id}`), { method: 'PATCH', json: { role: 'owner' } })).toEqual(denied);
    expect(await t.expectAs(403, admin.token, orgPath(f.orgId, `/members/${owner.user_id}`), { method: 'PATCH', json: { role: 'viewer' } })).toEqual(denied);
    expect(await t.expectAs(403, admin.token, orgPath(f.orgId, `/members/${owner.user_id}`), { method: 'DELETE' })).toEqual(denied);
    expect(await t.expectAs(403, admin.token, orgPath(f.orgId, '/invitations'), { method: 'POST', json: { email: 'o@example.com', role: 'owner' } })).toEqual(denied);
    await t.expectAs(200, admin.token, orgPath(f.orgId, `/members/${target.user_id}`), { method: 'PATCH', json: { role: 'admin' } });
  });

  it('answers 404 for a member that is not in the organization', async () => {
    const t = makePlatformApp();
    const f = await orgWithEveryRole(t);
    expect(await t.expectAs(404, f.users.owner.token, orgPath(f.orgId, `/members/${f.users.outsider.user_id}`), { method: 'DELETE' })).toEqual({
      detail: 'Member not found',
    });
  });
});

describe('invitations', () => {
  it('go out by mail with a single-use token that joins the signed-in user with the role', async () => {
    const t = makePlatformApp();
    const alice = await t.signIn('alice');
    const org = await newOrg(t, alice.token);
    const invitation = await invite(t, alice.token, org.id, 'developer', 'dev@example.com');
    expect(invitation).toMatchObject({ status: 'pending', email: 'dev@example.com', role: 'developer', expires_at: '2025-01-22T10:30:00Z' });
    expect(JSON.stringify(invitation)).not.toContain('inv_');
    const mail = t.app.controls.outbox().at(-1)!;
    expect(mail).toMatchObject({ to: 'dev@example.com', subject: 'You are invited to join Acme Research on Hokusai' });
    const token = lastInvitationToken(t);
    expect(mail.text).toContain(token);

    const bob = await t.signIn('bob');
    const joined = await t.expectAs(200, bob.token, '/api/v1/invitations/accept', { method: 'POST', json: { token } });
    expect(joined).toMatchObject({ organization: { id: org.id }, member: { user_id: bob.user_id, role: 'developer' } });
    const carol = await t.signIn('carol');
    expect(await t.expectAs(409, carol.token, '/api/v1/invitations/accept', { method: 'POST', json: { token } })).toEqual({ detail: 'Invitation already used' });
    expect((await t.expectAs<Page<unknown>>(200, alice.token, orgPath(org.id, '/invitations'))).data).toEqual([]);
  });

  it('expire after seven days', async () => {
    const t = makePlatformApp();
    const alice = await t.signIn('alice');
    const org = await newOrg(t, alice.token);
    await invite(t, alice.token, org.id, 'viewer');
    const token = lastInvitationToken(t);
    t.clock.advance(7 * 86_400_000);
    const bob = await t.signIn('bob');
    expect(await t.expectAs(409, bob.token, '/api/v1/invitations/accept', { method: 'POST', json: { token } })).toEqual({ detail: 'Invitation expired' });
    // Alice's token of a week ago has expired too: she signs in again.
    const aliceAgain = await t.signIn('alice');
    expect((await t.expectAs<Page<unknown>>(200, aliceAgain.token, orgPath(org.id, '/invitations'))).data).toEqual([]);
  });

  it('can be revoked; a revoked or unknown token is 404, and a member cannot join twice', async () => {
    const t = makePlatformApp();
    const alice = await t.signIn('alice');
    const bob = await t.signIn('bob');
    const org = await newOrg(t, alice.token);
    const invitation = await invite(t, alice.token, org.id, 'viewer');
    const token = lastInvitationToken(t);
    await t.expectAs(200, alice.token, orgPath(org.id, `/invitations/${invitation.id}`), { method: 'DELETE' });
    expect(await t.expectAs(404, bob.token, '/api/v1/invitations/accept', { method: 'POST', json: { token } })).toEqual({ detail: 'Invitation not found' });
    expect(await t.expectAs(404, bob.token, '/api/v1/invitations/accept', { method: 'POST', json: { token: 'inv_unknown' } })).toEqual({ detail: 'Invitation not found' });
    expect(await t.expectAs(404, alice.token, orgPath(org.id, `/invitations/${invitation.id}`), { method: 'DELETE' })).toEqual({ detail: 'Invitation not found' });
    await invite(t, alice.token, org.id, 'viewer');
    expect(await t.expectAs(409, alice.token, '/api/v1/invitations/accept', { method: 'POST', json: { token: lastInvitationToken(t) } })).toEqual({
      detail: 'Already a member of this organization',
    });
  });
});

describe('organization API keys', () => {
  it('validate like any key and carry organization_id; other keys answer null', async () => {
    const t = makePlatformApp();
    const f = await orgWithEveryRole(t);
    const created = await t.expectAs<{ api_key: string; key_info: Record<string, unknown> }>(201, f.users.developer.token, orgPath(f.orgId, '/api-keys'), {
      method: 'POST',
      json: { name: 'Team Prediction Key', service_id: 'prediction', scopes: ['predict'], environment: 'production' },
    });
    expect(created.key_info).toMatchObject({ organization_id: f.orgId, created_by: f.users.developer.user_id, user_id: f.users.developer.user_id, is_active: true });
    const validation = await t.validate(created.api_key, { service_id: 'prediction' });
    expect(validation.status).toBe(200);
    expect(await validation.json()).toMatchObject({ is_valid: true, organization_id: f.orgId, user_id: f.users.developer.user_id });
    const plain = await t.createKey();
    expect(await (await t.validate(plain.api_key)).json()).toMatchObject({ is_valid: true, organization_id: null });
  });

  it('a developer revokes only its own keys; admins revoke any; other organizations’ keys are 404', async () => {
    const t = makePlatformApp();
    const f = await orgWithEveryRole(t);
    const create = (token: string) =>
      t.expectAs<{ api_key: string; key_info: { key_id: string } }>(201, token, orgPath(f.orgId, '/api-keys'), { method: 'POST', json: { name: 'k', service_id: 'prediction' } });
    const adminKey = await create(f.users.admin.token);
    const devKey = await create(f.users.developer.token);
    expect(await t.expectAs(403, f.users.developer.token, orgPath(f.orgId, `/api-keys/${adminKey.key_info.key_id}`), { method: 'DELETE' })).toEqual({
      detail: 'Insufficient permissions',
    });
    await t.expectAs(200, f.users.admin.token, orgPath(f.orgId, `/api-keys/${devKey.key_info.key_id}`), { method: 'DELETE' });
    expect(await (await t.validate(devKey.api_key)).json()).toMatchObject({ is_valid: false, error_code: 'revoked' });
    const plain = await t.createKey();
    expect(await t.expectAs(404, f.users.owner.token, orgPath(f.orgId, `/api-keys/${plain.key_info.key_id}`), { method: 'DELETE' })).toEqual({ detail: 'API key not found' });
  });

  it('list newest first in pages that follow next_cursor, and filter active ones', async () => {
    const t = makePlatformApp();
    const alice = await t.signIn('alice');
    const org = await newOrg(t, alice.token);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const created = await t.expectAs<{ key_info: { key_id: string } }>(201, alice.token, orgPath(org.id, '/api-keys'), {
        method: 'POST',
        json: { name: `key ${i}`, service_id: 'prediction' },
      });
      ids.push(created.key_info.key_id);
    }
    const { items, pages } = await everyPage<{ key_id: string }>(t, alice.token, orgPath(org.id, '/api-keys'), 2);
    expect(pages).toBe(3);
    expect(items.map((key) => key.key_id)).toEqual([...ids].reverse());
    await t.expectAs(200, alice.token, orgPath(org.id, `/api-keys/${ids[4]}`), { method: 'DELETE' });
    const active = await t.expectAs<Page<{ key_id: string }>>(200, alice.token, orgPath(org.id, '/api-keys?active_only=true'));
    expect(active.data.map((key) => key.key_id)).toEqual(ids.slice(0, 4).reverse());
  });
});

describe('the audit log', () => {
  it('records every change, newest first, filtered by action and time, in pages', async () => {
    const t = makePlatformApp();
    const f = await orgWithEveryRole(t);
    const { owner } = f.users;
    t.clock.advance(3_600_000);
    await t.expectAs(200, owner.token, orgPath(f.orgId), { method: 'PATCH', json: { name: 'Renamed' } });
    const key = await t.expectAs<{ key_info: { key_id: string } }>(201, owner.token, orgPath(f.orgId, '/api-keys'), { method: 'POST', json: { name: 'k', service_id: 'prediction' } });
    await t.expectAs(200, owner.token, orgPath(f.orgId, `/api-keys/${key.key_info.key_id}`), { method: 'DELETE' });
    await t.expectAs(200, owner.token, orgPath(f.orgId, `/members/${f.users.target.user_id}`), { method: 'PATCH', json: { role: 'developer' } });
    await t.expectAs(200, owner.token, orgPath(f.orgId, `/members/${f.users.target.user_id}`), { method: 'DELETE' });

    const { items } = await everyPage<{ action: string; actor_user_id: string; target_id: string; created_at: string }>(t, owner.token, orgPath(f.orgId, '/audit-logs'), 3);
    expect(items.map((entry) => entry.action)).toEqual([
      'member.removed',
      'member.role_updated',
      'api_key.revoked',
      'api_key.created',
      'organization.updated',
      ...Array.from({ length: 4 }, () => ['member.added', 'invitation.accepted', 'invitation.created']).flat(),
      'organization.created',
    ]);
    expect(items[0]).toMatchObject({ actor_user_id: owner.user_id, target_id: f.users.target.user_id });
    const keyEvents = await t.expectAs<Page<{ action: string }>>(200, owner.token, orgPath(f.orgId, '/audit-logs?action=api_key.created'));
    expect(keyEvents.data.map((entry) => entry.action)).toEqual(['api_key.created']);
    const before = await t.expectAs<Page<unknown>>(200, owner.token, orgPath(f.orgId, '/audit-logs?until=2025-01-15T11:00:00Z'));
    expect(before.data).toHaveLength(13);
    const after = await t.expectAs<Page<unknown>>(200, owner.token, orgPath(f.orgId, '/audit-logs?since=2025-01-15T11:00:00Z'));
    expect(after.data).toHaveLength(5);
    expect(JSON.stringify(items)).not.toMatch(/hk_(live|test|dev)_[A-Za-z0-9]{32}|inv_[0-9a-f]{48}/);
  });
});

describe('malformed input', () => {
  const cases: [string, string, string, unknown, string][] = [
    ['org_id not a UUID', 'GET', '/api/v1/organizations/not-a-uuid', undefined, 'org_id'],
    ['user_id not a UUID', 'PATCH', '/members/42', { role: 'admin' }, 'user_id'],
    ['an unknown role', 'PATCH', '/members/{target}', { role: 'superuser' }, 'role'],
    ['an invitation without email', 'POST', '/invitations', { role: 'viewer' }, 'email'],
    ['an email that is not one', 'POST', '/invitations', { email: 'nope', role: 'viewer' }, 'email'],
    ['an invitation_id not a UUID', 'DELETE', '/invitations/x', undefined, 'invitation_id'],
    ['a key_id not a UUID', 'DELETE', '/api-keys/x', undefined, 'key_id'],
    ['a key without name', 'POST', '/api-keys', { service_id: 'prediction' }, 'name'],
    ['an unknown field', 'POST', '/invitations', { email: 'a@example.com', role: 'viewer', admin: true }, 'admin'],
    ['an empty update', 'PATCH', '', {}, 'body'],
    ['a name too long', 'PATCH', '', { name: 'x'.repeat(101) }, 'name'],
    ['a limit of 0', 'GET', '/members?limit=0', undefined, 'limit'],
    ['a limit of 101', 'GET', '/members?limit=101', undefined, 'limit'],
    ['a limit that is text', 'GET', '/members?limit=ten', undefined, 'limit'],
    ['an unknown cursor', 'GET', '/members?cursor=bogus', undefined, 'cursor'],
    ['an unknown audit action', 'GET', '/audit-logs?action=everything', undefined, 'action'],
    ['a since that is no date', 'GET', '/audit-logs?since=yesterday', undefined, 'since'],
  ];
  it.each(cases)('%s → 400 naming %s', async (_case, method, rest, json, field) => {
    const t = makePlatformApp();
    const f = await orgWithEveryRole(t);
    const path = rest.startsWith('/api/') ? rest : orgPath(f.orgId, rest.replace('{target}', f.users.target.user_id));
    const res = await t.as(f.users.owner.token, path, { method, ...(json === undefined ? {} : { json }) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors?: { field: string }[] };
    expect(body.errors?.map((error) => error.field)).toContain(field);
  });

  it('a malformed JSON body is a 400, never a 500', async () => {
    const t = makePlatformApp();
    const alice = await t.signIn('alice');
    const res = await t.as(alice.token, '/api/v1/organizations', { method: 'POST', body: '{"name":', headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ detail: 'Malformed JSON body' });
  });
});

describe('reset', () => {
  it('empties users, organizations and invitations with everything else', async () => {
    const t = makePlatformApp({ testControls: true });
    const alice = await t.signIn('alice');
    await newOrg(t, alice.token);
    await t.admin('/__hokusai/reset', { method: 'POST' });
    expect(await t.expectAs(401, alice.token, '/api/v1/organizations')).toEqual({ detail: 'Invalid token' });
    const again = await t.app.controls.wallet('alice').signIn();
    expect(again.is_new_user).toBe(true);
    expect(await t.expectAs(200, again.access_token, '/api/v1/organizations')).toEqual({ data: [], next_cursor: null });
  });

  it('over HTTP, the dev wallet signs in with one call', async () => {
    const t = makePlatformApp({ testControls: true });
    const address = (await (await t.admin('/__hokusai/wallets', { method: 'POST', json: { seed: 'alice' } })).json()) as { address: string };
    expect(address).toEqual({ address: t.app.controls.wallet('alice').address });
    const signed = (await (await t.admin('/__hokusai/wallets/sign', { method: 'POST', json: { seed: 'alice', message: 'hello' } })).json()) as { signature: string };
    expect(signed.signature).toBe(await t.app.controls.wallet('alice').signMessage('hello'));
    const res = await t.admin('/__hokusai/wallets/sign-in', { method: 'POST', json: { seed: 'alice' } });
    expect(res.status).toBe(200);
    const session = (await res.json()) as { access_token: string; wallet_address: string };
    expect(session.wallet_address).toBe(address.address);
    expect((await t.as(session.access_token, '/api/v1/organizations')).status).toBe(200);
    expect((await t.admin('/__hokusai/wallets/sign-in', { method: 'POST', json: {} })).status).toBe(400);
  });
});
