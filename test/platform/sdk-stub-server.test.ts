// The platform client against the real stub server, in-process (its fetch handler) and over
// TCP: wallet sign-in with the test kit's dev wallets, tokens, organizations with roles,
// invitations through the outbox, organization keys and the audit log, page by page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  ConflictError,
  HokusaiAuth,
  NotFoundError,
  PermissionDeniedError,
  type PlatformOptions,
  type SiweSession,
} from '../../src/platform';
import { createApp, ManualClock, type HokusaiAuthApp } from '../../src/server';
import { startServer, type RunningServer } from '../../src/server/node';

const ADMIN = 'stub-admin-token-for-platform-tests';
const START = '2025-01-15T10:30:00Z';
const HOUR = 3_600_000;

interface Target {
  app: HokusaiAuthApp;
  clock: ManualClock;
  client(options?: PlatformOptions): HokusaiAuth;
  close(): Promise<void>;
}

async function inProcess(): Promise<Target> {
  const clock = new ManualClock(START);
  const app = createApp({ adminToken: ADMIN, clock, testKit: true, logger: { error: () => undefined } });
  const fetch = (request: Request) => app.fetch(request);
  return {
    app,
    clock,
    client: (options = {}) =>
      new HokusaiAuth({ baseUrl: 'http://stub.local', adminToken: ADMIN, fetch, ...options }, { sleep: async () => {} }),
    close: async () => {},
  };
}

async function overTcp(): Promise<Target> {
  const clock = new ManualClock(START);
  const server: RunningServer = await startServer({ port: 0, memory: true, adminToken: ADMIN, clock, testKit: true, quiet: true });
  return {
    app: server.app,
    clock,
    client: (options = {}) => new HokusaiAuth({ baseUrl: server.url, adminToken: ADMIN, ...options }, { sleep: async () => {} }),
    close: () => server.close(),
  };
}

describe.each([
  ['in-process', inProcess],
  ['over TCP', overTcp],
])('against the stub server (%s)', (_mode, start) => {
  let target: Target;
  let auth: HokusaiAuth;
  /** Signs the seed's dev wallet in through the SDK and returns a client with its token. */
  const signIn = async (seed: string): Promise<{ session: SiweSession; me: HokusaiAuth }> => {
    const session = await auth.signInWithEthereum(target.app.controls!.wallet(seed));
    return { session, me: auth.withAccessToken(session.access_token) };
  };
  /** The invitation token of the newest mail to `email`. */
  const invitationTokenFor = (email: string): string => {
    const mail = target.app.controls!.outbox().filter((m) => m.to === email).at(-1);
    const token = mail && new URL(mail.links[0]!).searchParams.get('token');
    if (!token) throw new Error(`no invitation mail to ${email}`);
    return token;
  };
  /** Invites `seed@example.com` with `role`, and has the seed's wallet accept. */
  const join = async (owner: HokusaiAuth, orgId: string, seed: string, role: 'admin' | 'developer' | 'viewer') => {
    const email = `${seed}@example.com`;
    await owner.organizations.invitations.create(orgId, { email, role });
    const user = await signIn(seed);
    await user.me.invitations.accept({ token: invitationTokenFor(email) });
    return user;
  };

  beforeAll(async () => {
    target = await start();
    auth = target.client();
  });
  afterAll(() => target.close());

  it('signs in with a wallet signer: a new user first, the same user after', async () => {
    const wallet = target.app.controls!.wallet('first-sign-in');
    const first = await auth.signInWithEthereum(wallet);
    expect(first).toMatchObject({ token_type: 'bearer', wallet_address: wallet.address, is_new_user: true, expires_in: 86_400 });
    // A lower-case address signs in as the same user.
    const again = await auth.signInWithEthereum({ address: wallet.address.toLowerCase(), signMessage: (m) => wallet.signMessage(m) });
    expect(again).toMatchObject({ user_id: first.user_id, is_new_user: false });
  });

  it('a signature of another wallet is refused with the reason', async () => {
    const alice = target.app.controls!.wallet('alice');
    const mallory = target.app.controls!.wallet('mallory');
    const error = await auth
      .signInWithEthereum({ address: alice.address, signMessage: (m) => mallory.signMessage(m) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).detail).toBe("Signature does not match the message's address");
  });

  it('tokens.validate: valid for its services, then expired once the clock passes its lifetime', async () => {
    const { session } = await signIn('token-holder');
    const valid = await auth.tokens.validate(session.access_token, { service: 'prediction' });
    expect(valid).toEqual({ valid: true, user_id: session.user_id, wallet_address: session.wallet_address, permissions: ['predict', 'read'] });
    await expect(auth.tokens.validate(session.access_token, { service: 'payroll' })).resolves.toEqual({
      valid: false,
      error: 'Token not valid for this service',
    });
    await expect(auth.tokens.validate(`${session.access_token}x`)).resolves.toEqual({ valid: false, error: 'Invalid token' });
    target.clock.advance(25 * HOUR);
    try {
      await expect(auth.tokens.validate(session.access_token)).resolves.toEqual({ valid: false, error: 'Token expired' });
      await expect(auth.withAccessToken(session.access_token).organizations.list()).rejects.toBeInstanceOf(AuthenticationError);
    } finally {
      target.clock.advance(-25 * HOUR);
    }
  });

  it('an organization: owner creates, invites by email, members join with their roles', async () => {
    const { me: owner, session } = await signIn('org-owner');
    const org = await owner.organizations.create({ name: 'Acme Research', description: 'Models for the Acme data team' });
    expect(org).toMatchObject({ name: 'Acme Research', created_by: session.user_id });
    await expect(owner.organizations.list().toArray()).resolves.toEqual([{ ...org, role: 'owner' }]);

    const dev = await join(owner, org.id, 'org-dev', 'developer');
    const members = await owner.organizations.members.list(org.id).toArray();
    expect(members.map((m) => [m.user_id, m.role])).toEqual([
      [session.user_id, 'owner'],
      [dev.session.user_id, 'developer'],
    ]);
    await expect(dev.me.organizations.get(org.id)).resolves.toEqual(org);
    await expect(owner.organizations.update(org.id, { name: 'Acme Labs' })).resolves.toMatchObject({ name: 'Acme Labs' });

    // The developer may not manage members; an outsider does not even see the organization.
    await expect(dev.me.organizations.members.update(org.id, session.user_id, { role: 'viewer' })).rejects.toBeInstanceOf(PermissionDeniedError);
    const outsider = await signIn('org-outsider');
    await expect(outsider.me.organizations.get(org.id)).rejects.toBeInstanceOf(NotFoundError);
    // The last owner cannot step down.
    await expect(owner.organizations.members.update(org.id, session.user_id, { role: 'admin' })).rejects.toBeInstanceOf(ConflictError);
  });

  it('organization keys: ordinary keys with organization_id; a developer revokes only its own', async () => {
    const { me: owner } = await signIn('keys-owner');
    const org = await owner.organizations.create({ name: 'Key Holders' });
    const dev = await join(owner, org.id, 'keys-dev', 'developer');
    const viewer = await join(owner, org.id, 'keys-viewer', 'viewer');

    const ownersKey = await owner.organizations.keys.create(org.id, { name: 'Owner key', service_id: 'prediction', environment: 'test' });
    const devsKey = await dev.me.organizations.keys.create(org.id, { name: 'Dev key', service_id: 'prediction', scopes: ['predict'], environment: 'test' });
    expect(devsKey.key_info).toMatchObject({ organization_id: org.id, created_by: dev.session.user_id });
    await expect(auth.validate(devsKey.api_key, { service_id: 'prediction' })).resolves.toMatchObject({ is_valid: true, organization_id: org.id });

    await expect(viewer.me.organizations.keys.create(org.id, { name: 'Nope', service_id: 'prediction' })).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(dev.me.organizations.keys.revoke(org.id, ownersKey.key_info.key_id)).rejects.toBeInstanceOf(PermissionDeniedError);
    await dev.me.organizations.keys.revoke(org.id, devsKey.key_info.key_id);
    await expect(auth.validate(devsKey.api_key)).resolves.toMatchObject({ is_valid: false });

    const active = await viewer.me.organizations.keys.list(org.id, { active_only: true }).toArray();
    expect(active.map((k) => k.name)).toEqual(['Owner key']);
  });

  it('lists come page by page, and for await walks them all', async () => {
    const { me: owner } = await signIn('pager');
    const org = await owner.organizations.create({ name: 'Many Keys' });
    for (let n = 0; n < 5; n++) await owner.organizations.keys.create(org.id, { name: `Key ${n}`, service_id: 'platform', environment: 'test' });

    const first = await owner.organizations.keys.list(org.id, { limit: 2 });
    expect(first.data).toHaveLength(2);
    expect(first.hasNextPage()).toBe(true);
    const pages: number[] = [];
    for await (const page of owner.organizations.keys.list(org.id, { limit: 2 }).iterPages()) pages.push(page.data.length);
    expect(pages).toEqual([2, 2, 1]);
    const names: string[] = [];
    for await (const key of owner.organizations.keys.list(org.id, { limit: 2 })) names.push(key.name);
    expect(names.sort()).toEqual(['Key 0', 'Key 1', 'Key 2', 'Key 3', 'Key 4']);
    // Resuming from a cursor gives the rest.
    const rest = await owner.organizations.keys.list(org.id, { limit: 2, cursor: first.next_cursor! }).toArray();
    expect(rest).toHaveLength(3);
  });

  it('the audit log records every change, filtered by action', async () => {
    const { me: owner } = await signIn('auditor');
    const org = await owner.organizations.create({ name: 'Audited' });
    await join(owner, org.id, 'audited-dev', 'developer');
    await owner.organizations.keys.create(org.id, { name: 'Audited key', service_id: 'prediction', environment: 'test' });
    const actions: string[] = [];
    for await (const entry of owner.organizations.auditLogs.list(org.id, { limit: 2 })) actions.push(entry.action);
    expect(actions).toEqual(expect.arrayContaining(['organization.created', 'invitation.created', 'invitation.accepted', 'api_key.created']));
    const created = await owner.organizations.auditLogs.list(org.id, { action: 'api_key.created' }).toArray();
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ target_type: 'api_key', details: expect.objectContaining({ name: 'Audited key' }) });
  });

  it('deleting an organization revokes its keys', async () => {
    const { me: owner } = await signIn('deleter');
    const org = await owner.organizations.create({ name: 'Short-lived' });
    const { api_key } = await owner.organizations.keys.create(org.id, { name: 'Goes too', service_id: 'prediction', environment: 'test' });
    await expect(owner.organizations.delete(org.id)).resolves.toEqual({ message: 'Organization deleted successfully' });
    await expect(owner.organizations.get(org.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(auth.validate(api_key)).resolves.toMatchObject({ is_valid: false, error_code: 'revoked' });
  });
});
