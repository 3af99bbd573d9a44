// Access tokens: HS256 JWTs under the data file's own secret, with the claims and lifetime of
// the contract, and every way a token is refused, by `POST /api/v1/tokens/validate` (an answer)
// and by the organization endpoints (401).
import { generateKeyPair, SignJWT, UnsecuredJWT, decodeJwt, decodeProtectedHeader } from 'jose';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../src/server/node';
import { makePlatformApp } from './support';
import type { PlatformApp } from './support';

const VALIDATE = '/api/v1/tokens/validate';

async function validate(t: PlatformApp, body: Record<string, unknown>) {
  const res = await t.request(VALIDATE, { method: 'POST', json: body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A token with the right claims, signed as given. */
function claims(userId: string, address: string, now: number) {
  return new SignJWT({ wallet_address: address, permissions: ['predict', 'read'] })
    .setSubject(userId)
    .setIssuer('hokusai-auth')
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .setJti('00000000-0000-4000-8000-000000000001');
}

const secretOf = (t: PlatformApp) => Uint8Array.from(Buffer.from(t.store.platform.jwtSecret(), 'hex'));
const nowSeconds = (t: PlatformApp) => Math.floor(t.app.controls.clock.now() / 1000);

describe('access tokens', () => {
  it('are HS256 JWTs with sub, wallet_address, permissions, iat, exp (24 h), iss and jti', async () => {
    const t = makePlatformApp();
    const alice = await t.signIn('alice');
    expect(decodeProtectedHeader(alice.token)).toMatchObject({ alg: 'HS256', typ: 'JWT' });
    const payload = decodeJwt(alice.token);
    expect(payload).toEqual({
      sub: alice.user_id,
      wallet_address: alice.address,
      permissions: ['predict', 'read'],
      iat: nowSeconds(t),
      exp: nowSeconds(t) + 86400,
      iss: 'hokusai-auth',
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it('live as long as the app is told', async () => {
    const t = makePlatformApp({ tokenLifetimeSeconds: 600 });
    const alice = await t.signIn('alice');
    expect(decodeJwt(alice.token).exp).toBe(nowSeconds(t) + 600);
    t.app.controls.clock.advance(600_000);
    expect(await validate(t, { token: alice.token })).toEqual({ status: 401, body: { valid: false, error: 'Token expired' } });
  });

  it('validate with the user, address and permissions', async () => {
    const t = makePlatformApp();
    const alice = await t.signIn('alice');
    expect(await validate(t, { token: alice.token })).toEqual({
      status: 200,
      body: { valid: true, user_id: alice.user_id, wallet_address: alice.address, permissions: ['predict', 'read'] },
    });
  });

  it('grant the services their permissions allow, and no other', async () => {
    const t = makePlatformApp();
    const { token } = await t.signIn('alice');
    for (const service of ['prediction', 'platform', 'website', 'ml-platform']) expect((await validate(t, { token, service })).status).toBe(200);
    expect(await validate(t, { token, service: 'billing' })).toEqual({ status: 401, body: { valid: false, error: 'Token not valid for this service' } });
    // A token whose permissions lack `predict` does not grant the prediction service.
    const bob = await t.signIn('bob');
    const readOnly = await new SignJWT({ wallet_address: bob.address, permissions: ['read'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(bob.user_id)
      .setIssuer('hokusai-auth')
      .setIssuedAt(nowSeconds(t))
      .setExpirationTime(nowSeconds(t) + 3600)
      .setJti('00000000-0000-4000-8000-000000000002')
      .sign(secretOf(t));
    expect((await validate(t, { token: readOnly, service: 'platform' })).status).toBe(200);
    expect(await validate(t, { token: readOnly, service: 'prediction' })).toEqual({ status: 401, body: { valid: false, error: 'Token not valid for this service' } });
  });

  it('expire after 24 hours on the server clock', async () => {
    const t = makePlatformApp();
    const { token } = await t.signIn('alice');
    t.app.controls.clock.advance(86_400_000 - 1000);
    expect((await validate(t, { token })).status).toBe(200);
    t.app.controls.clock.advance(1000);
    expect(await validate(t, { token })).toEqual({ status: 401, body: { valid: false, error: 'Token expired' } });
    const res = await t.as(token, '/api/v1/organizations');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ detail: 'Token expired' });
  });

  it('refuse a wrong signature', async () => {
    const t = makePlatformApp();
    const { token } = await t.signIn('alice');
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const flipped = `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    expect(await validate(t, { token: flipped })).toEqual({ status: 401, body: { valid: false, error: 'Invalid token' } });
    const otherSecret = await claims((await t.signIn('bob')).user_id, '0x0000000000000000000000000000000000000001', nowSeconds(t))
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new Uint8Array(32).fill(7));
    expect(await validate(t, { token: otherSecret })).toEqual({ status: 401, body: { valid: false, error: 'Invalid token' } });
  });

  it('refuse alg: none', async () => {
    const t = makePlatformApp();
    const alice = await t.signIn('alice');
    const unsigned = new UnsecuredJWT({ wallet_address: alice.address, permissions: ['predict', 'read'] })
      .setSubject(alice.user_id)
      .setIssuer('hokusai-auth')
      .setIssuedAt(nowSeconds(t))
      .setExpirationTime(nowSeconds(t) + 3600)
      .encode();
    expect(await validate(t, { token: unsigned })).toEqual({ status: 401, body: { valid: false, error: 'Invalid token' } });
    expect((await t.as(unsigned, '/api/v1/organizations')).status).toBe(401);
  });

  it('refuse RS256 (no HS/RS confusion), whatever key signed it', async () => {
    const t = makePlatformApp();
    const alice = await t.signIn('alice');
    const { privateKey } = await generateKeyPair('RS256');
    const rs256 = await claims(alice.user_id, alice.address, nowSeconds(t)).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
    expect(await validate(t, { token: rs256 })).toEqual({ status: 401, body: { valid: false, error: 'Invalid token' } });
    // An RS256 header over an HMAC made with the server's own secret: still refused.
    const hs = await claims(alice.user_id, alice.address, nowSeconds(t)).setProtectedHeader({ alg: 'HS256' }).sign(secretOf(t));
    const [, payload, signature] = hs.split('.') as [string, string, string];
    const relabelled = `${Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64url')}.${payload}.${signature}`;
    expect(await validate(t, { token: relabelled })).toEqual({ status: 401, body: { valid: false, error: 'Invalid token' } });
  });

  it('refuse another issuer, and a token of a user that no longer exists', async () => {
    const t = makePlatformApp();
    const alice = await t.signIn('alice');
    const foreign = await claims(alice.user_id, alice.address, nowSeconds(t)).setIssuer('someone-else').setProtectedHeader({ alg: 'HS256' }).sign(secretOf(t));
    expect(await validate(t, { token: foreign })).toEqual({ status: 401, body: { valid: false, error: 'Invalid token' } });
    t.app.controls.reset();
    expect(await validate(t, { token: alice.token })).toEqual({ status: 401, body: { valid: false, error: 'Invalid token' } });
  });

  it.each([
    ['garbage', 'not-a-jwt'],
    ['three empty parts', '..'],
    ['a JSON header only', `${Buffer.from('{}').toString('base64url')}.e30.`],
  ])('answer %s as an invalid token, never a 500', async (_case, token) => {
    const t = makePlatformApp();
    expect(await validate(t, { token })).toEqual({ status: 401, body: { valid: false, error: 'Invalid token' } });
  });

  it('refuse a missing or empty token field with a 400 naming it', async () => {
    const t = makePlatformApp();
    for (const body of [{}, { token: '' }, { token: 5 }]) {
      const res = await t.request(VALIDATE, { method: 'POST', json: body });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['token']);
    }
  });

  it('on the organization endpoints: no header, another scheme and garbage are 401', async () => {
    const t = makePlatformApp();
    for (const headers of [{}, { Authorization: 'Basic abc' }, { Authorization: 'Bearer' }, { Authorization: 'Bearer not.a.jwt' }] as Record<string, string>[]) {
      const res = await t.request('/api/v1/organizations', { headers });
      expect(res.status).toBe(401);
      expect(['Not authenticated', 'Invalid token']).toContain(((await res.json()) as { detail: string }).detail);
    }
  });
});

describe('the token secret of a SQLite data file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hokusai-jwt-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is kept with the file: a token outlives a restart, and another file refuses it', async () => {
    const filename = join(dir, 'one.sqlite');
    const first = makePlatformApp({ store: new SqliteStore({ filename }) as never });
    const { token } = await first.signIn('alice');
    first.store.close();
    const reopened = makePlatformApp({ store: new SqliteStore({ filename }) as never });
    expect((await validate(reopened, { token })).status).toBe(200);
    reopened.store.close();
    const other = makePlatformApp({ store: new SqliteStore({ filename: join(dir, 'two.sqlite') }) as never });
    expect(await validate(other, { token })).toEqual({ status: 401, body: { valid: false, error: 'Invalid token' } });
    other.store.close();
  });
});
