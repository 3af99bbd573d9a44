// Wallet sign-in over HTTP: EIP-4361 challenges, EIP-191 signatures, and every way a signed
// message is refused, each with its own text and never a 500.
import { describe, expect, it } from 'vitest';
import { makePlatformApp } from './support';
import type { PlatformApp } from './support';

const CHALLENGE = '/auth/siwe/challenge';
const VERIFY = '/auth/siwe/verify';

async function challenge(t: PlatformApp, address: string) {
  return t.expectAs<{ message: string; nonce: string }>(200, undefined, CHALLENGE, { method: 'POST', json: { wallet_address: address } });
}

function verify(t: PlatformApp, message: string, signature: string) {
  return t.request(VERIFY, { method: 'POST', json: { message, signature } });
}

/** Signs `message` with the seed's wallet and verifies it; returns the status and body. */
async function signAndVerify(t: PlatformApp, seed: string, message: string) {
  const res = await verify(t, message, await t.app.controls.wallet(seed).signMessage(message));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('POST /auth/siwe/challenge', () => {
  it('answers an EIP-4361 message for this host, with a five-minute nonce', async () => {
    const t = makePlatformApp();
    const alice = t.app.controls.wallet('alice');
    const { message, nonce } = await challenge(t, alice.address);
    expect(message.split('\n')).toEqual([
      'localhost wants you to sign in with your Ethereum account:',
      alice.address,
      '',
      'Sign in to Hokusai',
      '',
      'URI: http://localhost',
      'Version: 1',
      'Chain ID: 1',
      `Nonce: ${nonce}`,
      'Issued At: 2025-01-15T10:30:00.000Z',
      'Expiration Time: 2025-01-15T10:35:00.000Z',
    ]);
    expect(nonce).toMatch(/^[0-9a-f]{32}$/);
  });

  it('puts the checksummed address in the message whatever case it was sent in', async () => {
    const t = makePlatformApp();
    const { address } = t.app.controls.wallet('alice');
    for (const sent of [address.toLowerCase(), `0x${address.slice(2).toUpperCase()}`, address]) {
      expect((await challenge(t, sent)).message.split('\n')[1]).toBe(address);
    }
  });

  it.each([
    ['not hex', '0xZZ2d35Cc6634C0532925a3b844Bc454e4438f44e', 'Must be'],
    ['too short', '0x742d35cc', 'Must be'],
    ['no 0x', '742d35cc6634c0532925a3b844bc454e4438f44e', 'Must be'],
    ['a wrong checksum', '0x742d35cC6634C0532925a3b844Bc454e4438f44e', 'EIP-55 checksum'],
  ])('refuses an address that is %s with a 400 naming wallet_address', async (_case, address, message) => {
    const t = makePlatformApp();
    const res = await t.request(CHALLENGE, { method: 'POST', json: { wallet_address: address } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { field: string; message: string }[] };
    expect(body.errors).toEqual([{ field: 'wallet_address', message: expect.stringContaining(message) }]);
  });

  it.each([
    ['no body', undefined],
    ['a number', { wallet_address: 42 }],
    ['an empty object', {}],
  ])('refuses %s with a 400 naming the field', async (_case, json) => {
    const t = makePlatformApp();
    const res = await t.request(CHALLENGE, { method: 'POST', ...(json === undefined ? {} : { json }) });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/wallet_address|body/);
  });
});

describe('POST /auth/siwe/verify', () => {
  it('signs a new wallet in, creating its user, then signs the same user in again', async () => {
    const t = makePlatformApp();
    const alice = t.app.controls.wallet('alice');
    const first = await signAndVerify(t, 'alice', (await challenge(t, alice.address)).message);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ token_type: 'bearer', expires_in: 86400, wallet_address: alice.address, is_new_user: true });
    const again = await signAndVerify(t, 'alice', (await challenge(t, alice.address.toLowerCase())).message);
    expect(again.body).toMatchObject({ user_id: first.body.user_id, is_new_user: false });
  });

  it('refuses a message signed by another wallet', async () => {
    const t = makePlatformApp();
    const { message } = await challenge(t, t.app.controls.wallet('alice').address);
    expect(await signAndVerify(t, 'mallory', message)).toEqual({ status: 401, body: { detail: "Signature does not match the message's address" } });
  });

  it('refuses a message changed after it was signed', async () => {
    const t = makePlatformApp();
    const { message } = await challenge(t, t.app.controls.wallet('alice').address);
    const signature = await t.app.controls.wallet('alice').signMessage(message);
    const res = await verify(t, message.replace('Sign in to Hokusai', 'Sign in to Hokusai and pay'), signature);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ detail: "Signature does not match the message's address" });
  });

  it('refuses a message for another domain', async () => {
    const t = makePlatformApp();
    const { message } = await challenge(t, t.app.controls.wallet('alice').address);
    const elsewhere = message.replace(/^localhost /, 'evil.example ');
    expect(await signAndVerify(t, 'alice', elsewhere)).toEqual({ status: 401, body: { detail: 'SIWE message domain does not match this server' } });
  });

  it('refuses a nonce the server never issued', async () => {
    const t = makePlatformApp();
    const { message, nonce } = await challenge(t, t.app.controls.wallet('alice').address);
    const forged = message.replace(`Nonce: ${nonce}`, 'Nonce: 0123456789abcdef0123456789abcdef');
    expect(await signAndVerify(t, 'alice', forged)).toEqual({ status: 401, body: { detail: 'Unknown nonce' } });
  });

  it('refuses a replayed message: a nonce is used once', async () => {
    const t = makePlatformApp();
    const { message } = await challenge(t, t.app.controls.wallet('alice').address);
    expect((await signAndVerify(t, 'alice', message)).status).toBe(200);
    expect(await signAndVerify(t, 'alice', message)).toEqual({ status: 401, body: { detail: 'Nonce already used' } });
  });

  it('refuses a nonce older than five minutes (the clock moves it)', async () => {
    const t = makePlatformApp();
    const { message } = await challenge(t, t.app.controls.wallet('alice').address);
    t.app.controls.clock.advance(5 * 60 * 1000);
    expect(await signAndVerify(t, 'alice', message)).toEqual({ status: 401, body: { detail: 'Nonce expired' } });
  });

  it('accepts a nonce just inside its five minutes', async () => {
    const t = makePlatformApp();
    const { message } = await challenge(t, t.app.controls.wallet('alice').address);
    t.app.controls.clock.advance(5 * 60 * 1000 - 1000);
    expect((await signAndVerify(t, 'alice', message)).status).toBe(200);
  });

  it("refuses another wallet's nonce, even signed by that wallet", async () => {
    const t = makePlatformApp();
    const alice = t.app.controls.wallet('alice');
    const bob = t.app.controls.wallet('bob');
    const { message } = await challenge(t, alice.address);
    expect(await signAndVerify(t, 'bob', message.replace(alice.address, bob.address))).toEqual({
      status: 401,
      body: { detail: 'Nonce was not issued for this address' },
    });
  });

  it('refuses a message whose address is not checksummed (EIP-4361 asks for EIP-55)', async () => {
    const t = makePlatformApp();
    const alice = t.app.controls.wallet('alice');
    const { message } = await challenge(t, alice.address);
    const result = await signAndVerify(t, 'alice', message.replace(alice.address, alice.address.toLowerCase()));
    expect(result).toEqual({ status: 401, body: { detail: 'Invalid SIWE message', errors: [{ field: 'message', message: 'Not an EIP-4361 message' }] } });
  });

  it.each([
    ['plain text', 'hello'],
    ['a message without a nonce', 'localhost wants you to sign in with your Ethereum account:\n0x742d35Cc6634C0532925a3b844Bc454e4438f44e\n\nURI: http://localhost\nVersion: 1\nChain ID: 1\nIssued At: 2025-01-15T10:30:00.000Z'],
  ])('refuses %s as not EIP-4361, naming the message field', async (_case, message) => {
    const t = makePlatformApp();
    const result = await signAndVerify(t, 'alice', message);
    expect(result).toEqual({ status: 401, body: { detail: 'Invalid SIWE message', errors: [{ field: 'message', message: 'Not an EIP-4361 message' }] } });
  });

  it.each([
    ['too short', '0x1234'],
    ['not hex', `0x${'zz'.repeat(65)}`],
    ['a number', 12],
  ])('refuses a signature that is %s with a 400 naming signature', async (_case, signature) => {
    const t = makePlatformApp();
    const { message } = await challenge(t, t.app.controls.wallet('alice').address);
    const res = await t.request(VERIFY, { method: 'POST', json: { message, signature } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { field: string }[] }).errors.map((error) => error.field)).toEqual(['signature']);
  });

  it('refuses a well-formed signature that is no point on the curve, without a 500', async () => {
    const t = makePlatformApp();
    const { message } = await challenge(t, t.app.controls.wallet('alice').address);
    const res = await verify(t, message, `0x${'00'.repeat(64)}1b`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ detail: "Signature does not match the message's address" });
  });

  it('refuses a missing message with a 400 naming it', async () => {
    const t = makePlatformApp();
    const res = await t.request(VERIFY, { method: 'POST', json: { signature: `0x${'11'.repeat(65)}` } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ detail: 'Invalid request body', errors: [{ field: 'message', message: 'Field required' }] });
  });
});

describe('the dev wallet of the test kit', () => {
  it('is deterministic: the same seed gives the same address in every app', () => {
    const a = makePlatformApp().app.controls.wallet('alice');
    const b = makePlatformApp().app.controls.wallet('alice');
    expect(a.address).toBe(b.address);
    expect(a.address).toMatch(/^0x[0-9a-fA-F]{40}$/);
    expect(makePlatformApp().app.controls.wallet('bob').address).not.toBe(a.address);
  });

  it('signs in with one call, in process', async () => {
    const t = makePlatformApp();
    const session = await t.app.controls.wallet('alice').signIn();
    expect(session).toMatchObject({ token_type: 'bearer', is_new_user: true, wallet_address: t.app.controls.wallet('alice').address });
    const res = await t.request('/api/v1/tokens/validate', { method: 'POST', json: { token: session.access_token } });
    expect(res.status).toBe(200);
  });
});
