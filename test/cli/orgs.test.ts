// `hokusai-auth orgs …` with the access token from `login`: organizations, invitations through
// the outbox, members and roles, organization keys, the audit log; help and bad input.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { API_KEY_PATTERN, assertBuilt, printed, runCli, runJson, startStub, type Stub } from './helpers';
import { asUser, invitationToken, login, MEMBER_KEY, OWNER_KEY, type Login } from './platform-helpers';

vi.setConfig({ testTimeout: 90_000 });

let stub: Stub;
let owner: Login;
let member: Login;
let orgId: string;

beforeAll(async () => {
  assertBuilt();
  stub = await startStub();
  owner = await login(stub, OWNER_KEY);
  member = await login(stub, MEMBER_KEY);
  const org = await runJson<{ id: string }>(['orgs', 'create', '--name', 'Acme Research', '--description', 'Models'], asUser(stub, owner));
  orgId = org.id;
});

afterAll(async () => {
  await stub?.server.close();
  // No orgs command prints an access token (only login --json does).
  for (const text of printed.filter((t) => !t.includes('"access_token"'))) {
    for (const session of [owner, member]) if (session) expect(text).not.toContain(session.access_token);
  }
});

describe('organizations', () => {
  it('create, list and get, as JSON and as text', async () => {
    const env = asUser(stub, owner);
    const listed = await runJson<{ data: { id: string; role: string }[]; next_cursor: null }>(['orgs', 'list'], env);
    expect(listed).toEqual({ data: [expect.objectContaining({ id: orgId, name: 'Acme Research', role: 'owner' })], next_cursor: null });
    await expect(runJson(['orgs', 'get', orgId], env)).resolves.toMatchObject({ id: orgId, name: 'Acme Research', description: 'Models' });
    const text = await runCli(['orgs', 'list'], env);
    expect(text.stdout).toMatch(new RegExp(`^${orgId} +Acme Research +owner`, 'm'));
    expect(text.stdout).toContain('1 organization\n');
  });

  it('invite by email, accept with the token from the mail, then manage the member', async () => {
    const invited = await runJson<{ email: string; role: string; status: string }>(
      ['orgs', 'invite', orgId, '--email', 'member@example.com', '--role', 'developer'],
      asUser(stub, owner),
    );
    expect(invited).toMatchObject({ email: 'member@example.com', role: 'developer', status: 'pending' });
    const pending = await runCli(['orgs', 'invitations', 'list', orgId], asUser(stub, owner));
    expect(pending.stdout).toContain('member@example.com');

    const accepted = await runCli(['orgs', 'accept', '-'], asUser(stub, member), invitationToken(stub, 'member@example.com'));
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain(`Joined Acme Research (${orgId})`);

    const members = await runCli(['orgs', 'members', 'list', orgId], asUser(stub, member));
    expect(members.stdout).toMatch(new RegExp(`^${member.user_id} +${member.wallet_address} +developer`, 'm'));
    expect(members.stdout).toContain('2 members');

    await expect(runJson(['orgs', 'members', 'role', orgId, member.user_id, 'viewer'], asUser(stub, owner))).resolves.toMatchObject({ role: 'viewer' });
    await expect(runJson(['orgs', 'members', 'role', orgId, member.user_id, 'developer'], asUser(stub, owner))).resolves.toMatchObject({ role: 'developer' });
  });

  it('organization keys: create (printed once), list, revoke; a developer may not revoke another\'s key', async () => {
    const ownerKey = await runJson<{ api_key: string; key_info: { key_id: string; organization_id: string } }>(
      ['orgs', 'keys', 'create', orgId, '--name', 'Team Prediction Key', '--service', 'prediction', '--scope', 'predict', '--env', 'test'],
      asUser(stub, owner),
    );
    expect(ownerKey.api_key).toMatch(/^hk_test_[A-Za-z0-9]{32}$/);
    expect(ownerKey.key_info.organization_id).toBe(orgId);

    const listed = await runCli(['orgs', 'keys', 'list', orgId], asUser(stub, member));
    expect(listed.stdout).toContain('Team Prediction Key');
    expect(listed.stdout.match(API_KEY_PATTERN)).toBeNull();

    const refused = await runCli(['orgs', 'keys', 'revoke', orgId, ownerKey.key_info.key_id], asUser(stub, member));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Error: Insufficient permissions (HTTP 403)');

    const revoked = await runCli(['orgs', 'keys', 'revoke', orgId, ownerKey.key_info.key_id], asUser(stub, owner));
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(`API key revoked successfully: ${ownerKey.key_info.key_id}`);
    const active = await runJson<{ data: unknown[] }>(['orgs', 'keys', 'list', orgId, '--active-only'], asUser(stub, owner));
    expect(active.data).toEqual([]);
  });

  it('one page with --limit, the next with --cursor', async () => {
    const env = asUser(stub, owner);
    for (const name of ['Page key 1', 'Page key 2', 'Page key 3']) {
      await runJson(['orgs', 'keys', 'create', orgId, '--name', name, '--service', 'platform', '--env', 'test'], env);
    }
    const first = await runJson<{ data: unknown[]; next_cursor: string }>(['orgs', 'keys', 'list', orgId, '--limit', '2'], env);
    expect(first.data).toHaveLength(2);
    expect(first.next_cursor).toEqual(expect.any(String));
    const text = await runCli(['orgs', 'keys', 'list', orgId, '--limit', '2'], env);
    expect(text.stdout).toContain(`More: add --cursor ${first.next_cursor} for the next page.`);
    const rest = await runJson<{ data: unknown[] }>(['orgs', 'keys', 'list', orgId, '--cursor', first.next_cursor], env);
    expect(rest.data.length).toBeGreaterThanOrEqual(2);
  });

  it('the audit log, filtered by action', async () => {
    const all = await runCli(['orgs', 'audit', orgId], asUser(stub, owner));
    expect(all.code).toBe(0);
    for (const action of ['organization.created', 'invitation.created', 'invitation.accepted', 'api_key.created', 'api_key.revoked']) {
      expect(all.stdout).toContain(action);
    }
    const created = await runJson<{ data: { action: string }[] }>(['orgs', 'audit', orgId, '--action', 'member.role_updated'], asUser(stub, owner));
    expect(created.data.map((e) => e.action)).toEqual(['member.role_updated', 'member.role_updated']);
    // A developer is below the audit log's minimum role.
    const refused = await runCli(['orgs', 'audit', orgId], asUser(stub, member));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('(HTTP 403)');
  });

  it('a member is removed; the last owner is not', async () => {
    const lastOwner = await runCli(['orgs', 'members', 'remove', orgId, owner.user_id], asUser(stub, owner));
    expect(lastOwner.code).toBe(1);
    expect(lastOwner.stderr).toContain('An organization must keep at least one owner (HTTP 409)');
    const removed = await runCli(['orgs', 'members', 'remove', orgId, member.user_id], asUser(stub, owner));
    expect(removed.code).toBe(0);
    const notMember = await runCli(['orgs', 'get', orgId], asUser(stub, member));
    expect(notMember.code).toBe(1);
    expect(notMember.stderr).toContain('Organization not found (HTTP 404)');
  });
});

describe('bad input and help', () => {
  it('without an access token: exit 2, says how to get one; nothing is sent', async () => {
    const result = await runCli(['orgs', 'list'], { HOKUSAI_AUTH_URL: 'http://127.0.0.1:9' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('this command needs an access token: sign in (hokusai-auth login), then set HOKUSAI_ACCESS_TOKEN');
  });

  it.each([
    [['orgs', 'invite', 'ORG', '--email', 'a@example.com', '--role', 'boss'], 'The role must be one of owner, admin, developer, viewer (got "boss")'],
    [['orgs', 'invite', 'ORG', '--role', 'admin'], 'Missing required option --email'],
    [['orgs', 'members', 'role', 'ORG', 'USER', 'king'], 'The role must be one of owner, admin, developer, viewer (got "king")'],
    [['orgs', 'keys', 'list', 'ORG', '--limit', '0'], '--limit must be between 1 and 100 (got 0)'],
    [['orgs', 'keys', 'list', 'ORG', '--limit', 'ten'], '--limit must be a whole number (got "ten")'],
    [['orgs', 'create'], 'Missing required option --name'],
    [['orgs', 'keys', 'revoke', 'ORG'], 'Missing argument <key_id>'],
    [['orgs', 'keys', 'rotate', 'ORG'], 'Unknown subcommand "orgs keys rotate". Subcommands: create, list, revoke'],
    [['orgs', 'members'], 'Missing subcommand: list, role, remove'],
  ])('%j: exit 2 with a clear message', async (args, message) => {
    const result = await runCli(args, asUser(stub, owner));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('a malformed id is refused by the server, naming the field', async () => {
    const result = await runCli(['orgs', 'get', 'not-a-uuid'], asUser(stub, owner));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('(HTTP 400)');
    expect(result.stderr).toContain('org_id');
  });

  it('help at every level: the group, a nested group, a command', async () => {
    const group = await runCli(['orgs', '--help'], {});
    expect(group.code).toBe(0);
    for (const sub of ['create', 'list', 'get', 'invite', 'accept', 'audit', 'members', 'invitations', 'keys']) expect(group.stdout).toContain(`  ${sub} `);
    const nested = await runCli(['orgs', 'keys', '--help'], {});
    expect(nested.stdout).toContain('Usage: hokusai-auth orgs keys <subcommand> [options]');
    const command = await runCli(['help', 'orgs', 'keys', 'create'], {});
    expect(command.stdout).toContain('Usage: hokusai-auth orgs keys create <org_id> --name <name> --service <service_id> [options]');
    const top = await runCli(['--help'], {});
    expect(top.stdout).toContain('orgs keys create <org_id>');
    expect(top.stdout).toContain('login');
    expect(top.stdout).toContain('token validate <token>');
    expect(top.stdout).toContain('HOKUSAI_ACCESS_TOKEN');
  });
});
