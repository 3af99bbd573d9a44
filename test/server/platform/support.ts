// Helpers of the wallet sign-in and organization tests: users signed in with the test kit's dev
// wallets, calls with their access tokens, organizations with a member of every role. Every
// request goes through the contract check of makeTestApp.
import type { CreateAppOptions } from '../../../src/server';
import { makeTestApp } from '../support';
import type { TestApp } from '../support';

export interface SignedIn {
  token: string;
  user_id: string;
  address: string;
}

export interface PlatformApp extends TestApp {
  /** Signs the seed's dev wallet in (through the HTTP routes) and returns its session. */
  signIn(seed: string): Promise<SignedIn>;
  /** A request with `Authorization: Bearer <token>` (no header when `token` is undefined). */
  as(token: string | undefined, path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  /** A request as `as`, expecting `status`; returns the JSON body. */
  expectAs<T = Record<string, unknown>>(status: number, token: string | undefined, path: string, init?: RequestInit & { json?: unknown }): Promise<T>;
}

/** The test app of makeTestApp with wallet sign-in helpers. */
export function makePlatformApp(options: CreateAppOptions & { start?: string } = {}): PlatformApp {
  const t = makeTestApp(options);
  const as: PlatformApp['as'] = (token, path, init = {}) => {
    const headers = new Headers(init.headers);
    if (token !== undefined) headers.set('Authorization', `Bearer ${token}`);
    return t.request(path, { ...init, headers });
  };
  const expectAs: PlatformApp['expectAs'] = async (status, token, path, init) => {
    const res = await as(token, path, init);
    const text = await res.text();
    if (res.status !== status) throw new Error(`${init?.method ?? 'GET'} ${path}: expected ${status}, got ${res.status} ${text}`);
    return (text === '' ? undefined : JSON.parse(text)) as never;
  };
  const signIn: PlatformApp['signIn'] = async (seed) => {
    const wallet = t.app.controls.wallet(seed);
    const challenge = await expectAs<{ message: string }>(200, undefined, '/auth/siwe/challenge', {
      method: 'POST',
      json: { wallet_address: wallet.address },
    });
    const session = await expectAs<{ access_token: string; user_id: string }>(200, undefined, '/auth/siwe/verify', {
      method: 'POST',
      json: { message: challenge.message, signature: await wallet.signMessage(challenge.message) },
    });
    return { token: session.access_token, user_id: session.user_id, address: wallet.address };
  };
  return { ...t, as, expectAs, signIn };
}

export type Role = 'owner' | 'admin' | 'developer' | 'viewer';

export interface OrgFixture {
  orgId: string;
  users: Record<Role | 'outsider' | 'target', SignedIn>;
}

/**
 * An organization with one member of each role (joined through invitations), a `target` viewer
 * for member operations, and an `outsider` who belongs to none.
 */
export async function orgWithEveryRole(t: PlatformApp): Promise<OrgFixture> {
  const owner = await t.signIn('owner');
  const org = await t.expectAs<{ id: string }>(201, owner.token, '/api/v1/organizations', { method: 'POST', json: { name: 'Acme Research' } });
  const users = { owner } as OrgFixture['users'];
  for (const [role, seed] of [
    ['admin', 'admin'],
    ['developer', 'developer'],
    ['viewer', 'viewer'],
    ['viewer', 'target'],
  ] as const) {
    users[seed] = await t.signIn(seed);
    await joinAs(t, owner.token, org.id, users[seed].token, role);
  }
  users.outsider = await t.signIn('outsider');
  return { orgId: org.id, users };
}

/** Invites someone with `role` and accepts the invitation with `inviteeToken`. */
export async function joinAs(t: PlatformApp, inviterToken: string, orgId: string, inviteeToken: string, role: Role): Promise<void> {
  await invite(t, inviterToken, orgId, role);
  await t.expectAs(200, inviteeToken, '/api/v1/invitations/accept', { method: 'POST', json: { token: lastInvitationToken(t) } });
}

/** Sends an invitation (201 expected) and returns it. */
export function invite(t: PlatformApp, inviterToken: string, orgId: string, role: Role, email = `${role}@example.com`) {
  return t.expectAs<{ id: string; status: string }>(201, inviterToken, `/api/v1/organizations/${orgId}/invitations`, {
    method: 'POST',
    json: { email, role },
  });
}

/** The token of the newest invitation mail in the outbox. */
export function lastInvitationToken(t: PlatformApp): string {
  const mail = t.app.controls.outbox().at(-1);
  const token = mail && new URL(mail.links[0]!).searchParams.get('token');
  if (!token) throw new Error('no invitation mail in the outbox');
  return token;
}
