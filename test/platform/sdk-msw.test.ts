// The platform client through the real global fetch, answered by msw: what it sends (bearer
// token, bodies, cursors), what it returns, and which error each failure becomes.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConflictError,
  HokusaiAuth,
  MissingAccessTokenError,
  NotFoundError,
  PermissionDeniedError,
  type PlatformOptions,
} from '../../src/platform';
import {
  ADDRESS,
  auditEntry,
  BASE,
  invitation,
  JWT,
  member,
  MESSAGE,
  ORG_ID,
  orgKey,
  organization,
  OTHER_USER_ID,
  platformClient,
  session,
  SIGNATURE,
} from './fixtures';

const server = setupServer();
/** Every request msw saw: method, path with query, Authorization, body. */
let seen: { method: string; url: URL; authorization: string | null; idempotencyKey: string | null; body: unknown }[] = [];

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  seen = [];
});
afterAll(() => server.close());

/** Records each request, then hands it to the global fetch, which msw answers. */
async function recordingFetch(request: Request, init?: { signal?: AbortSignal }): Promise<Response> {
  const text = await request.clone().text();
  seen.push({
    method: request.method,
    url: new URL(request.url),
    authorization: request.headers.get('authorization'),
    idempotencyKey: request.headers.get('idempotency-key'),
    body: text ? JSON.parse(text) : undefined,
  });
  return globalThis.fetch(request, init);
}

const client = (options: PlatformOptions = {}) => platformClient({ fetch: recordingFetch, ...options });
const signedIn = () => client({ accessToken: JWT });

describe('signInWithEthereum', () => {
  it("asks for the challenge, has the wallet sign exactly that message, and returns the verify answer", async () => {
    server.use(
      http.post(`${BASE}/auth/siwe/challenge`, () => HttpResponse.json({ message: MESSAGE, nonce: '3f9a1c7e2b8d4a6f' })),
      http.post(`${BASE}/auth/siwe/verify`, () => HttpResponse.json(session)),
    );
    const signed: string[] = [];
    const result = await client().signInWithEthereum({
      address: ADDRESS,
      signMessage: async (message) => {
        signed.push(message);
        return SIGNATURE;
      },
    });
    expect(result).toEqual(session);
    expect(signed).toEqual([MESSAGE]);
    expect(seen.map((r) => [r.url.pathname, r.body])).toEqual([
      ['/auth/siwe/challenge', { wallet_address: ADDRESS }],
      ['/auth/siwe/verify', { message: MESSAGE, signature: SIGNATURE }],
    ]);
    // Public endpoints: no credential goes with them, not even an admin token the client has.
    expect(seen.every((r) => r.authorization === null)).toBe(true);
  });

  it("passes the wallet's own error on unchanged (the user declined) and sends no verify", async () => {
    server.use(http.post(`${BASE}/auth/siwe/challenge`, () => HttpResponse.json({ message: MESSAGE, nonce: 'n' })));
    const declined = Object.assign(new Error('User rejected the request.'), { code: 4001 });
    const error = await client()
      .signInWithEthereum({ address: ADDRESS, signMessage: () => Promise.reject(declined) })
      .catch((e: unknown) => e);
    expect(error).toBe(declined);
    expect(seen.map((r) => r.url.pathname)).toEqual(['/auth/siwe/challenge']);
  });

  it('refuses a signer that gives no hex signature, before sending it', async () => {
    server.use(http.post(`${BASE}/auth/siwe/challenge`, () => HttpResponse.json({ message: MESSAGE, nonce: 'n' })));
    const auth = client();
    const notHex = await auth.signInWithEthereum({ address: ADDRESS, signMessage: () => 'signed!' }).catch((e: unknown) => e);
    expect(notHex).toBeInstanceOf(ConfigurationError);
    expect((notHex as Error).message).toMatch(/signMessage must resolve to the signature as a 0x-prefixed hex string/);
    const noSigner = await auth.signInWithEthereum({ address: ADDRESS } as never).catch((e: unknown) => e);
    expect(noSigner).toBeInstanceOf(ConfigurationError);
    expect(seen.map((r) => r.url.pathname)).toEqual(['/auth/siwe/challenge']);
  });

  it('a refused signature is an AuthenticationError with the server\'s reason; verify is not retried', async () => {
    server.use(
      http.post(`${BASE}/auth/siwe/challenge`, () => HttpResponse.json({ message: MESSAGE, nonce: 'n' })),
      http.post(`${BASE}/auth/siwe/verify`, () => HttpResponse.json({ detail: 'Nonce already used' }, { status: 401 })),
    );
    const error = await client().signInWithEthereum({ address: ADDRESS, signMessage: () => SIGNATURE }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).detail).toBe('Nonce already used');

    server.use(http.post(`${BASE}/auth/siwe/verify`, () => HttpResponse.json({ detail: 'Internal server error' }, { status: 503 })));
    seen = [];
    await expect(client().siwe.verify({ message: MESSAGE, signature: SIGNATURE })).rejects.toThrow('503');
    expect(seen).toHaveLength(1);
  });

  it('a malformed address is a BadRequestError naming the field', async () => {
    server.use(
      http.post(`${BASE}/auth/siwe/challenge`, () =>
        HttpResponse.json(
          { detail: 'Invalid request body', errors: [{ field: 'wallet_address', message: 'Must be a 0x-prefixed 20-byte hex address' }] },
          { status: 400 },
        ),
      ),
    );
    const error = (await client().siwe.challenge({ wallet_address: '0x123' }).catch((e: unknown) => e)) as BadRequestError;
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.errors).toEqual([{ field: 'wallet_address', message: 'Must be a 0x-prefixed 20-byte hex address' }]);
  });
});

describe('tokens.validate', () => {
  it('a valid token and a refused one are both answers', async () => {
    const valid = { valid: true, user_id: session.user_id, wallet_address: ADDRESS, permissions: ['predict', 'read'] };
    server.use(http.post(`${BASE}/api/v1/tokens/validate`, () => HttpResponse.json(valid)));
    await expect(client().tokens.validate(JWT, { service: 'prediction' })).resolves.toEqual(valid);
    expect(seen[0]!.body).toEqual({ token: JWT, service: 'prediction' });
    expect(seen[0]!.authorization).toBeNull();

    server.use(http.post(`${BASE}/api/v1/tokens/validate`, () => HttpResponse.json({ valid: false, error: 'Token expired' }, { status: 401 })));
    const refused = await client().tokens.validate(JWT);
    expect(refused).toEqual({ valid: false, error: 'Token expired' });
    if (!refused.valid) expect(refused.error).toBe('Token expired'); // narrows on `valid`
  });

  it("a 401 that is not the API's answer (a proxy) is an error; an empty token is refused before sending", async () => {
    server.use(http.post(`${BASE}/api/v1/tokens/validate`, () => new HttpResponse('<html>401 Unauthorized</html>', { status: 401 })));
    await expect(client().tokens.validate(JWT)).rejects.toBeInstanceOf(AuthenticationError);
    seen = [];
    await expect(client().tokens.validate('  ')).rejects.toThrow('token must be a non-empty string');
    expect(seen).toEqual([]);
  });
});

describe('organization calls', () => {
  it('send the access token as bearer (never the admin token) and return the body', async () => {
    server.use(
      http.post(`${BASE}/api/v1/organizations`, () => HttpResponse.json(organization, { status: 201 })),
      http.get(`${BASE}/api/v1/organizations/:orgId`, () => HttpResponse.json(organization)),
      http.patch(`${BASE}/api/v1/organizations/:orgId`, () => HttpResponse.json({ ...organization, name: 'Acme Labs' })),
      http.delete(`${BASE}/api/v1/organizations/:orgId`, () => HttpResponse.json({ message: 'Organization deleted successfully' })),
    );
    const auth = client({ accessToken: JWT, adminToken: 'admin-token-not-for-organizations' });
    await expect(auth.organizations.create({ name: 'Acme Research' })).resolves.toEqual(organization);
    await expect(auth.organizations.get(ORG_ID)).resolves.toEqual(organization);
    await expect(auth.organizations.update(ORG_ID, { name: 'Acme Labs' })).resolves.toMatchObject({ name: 'Acme Labs' });
    await expect(auth.organizations.delete(ORG_ID)).resolves.toEqual({ message: 'Organization deleted successfully' });
    expect(seen.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      'POST /api/v1/organizations',
      `GET /api/v1/organizations/${ORG_ID}`,
      `PATCH /api/v1/organizations/${ORG_ID}`,
      `DELETE /api/v1/organizations/${ORG_ID}`,
    ]);
    expect(seen.every((r) => r.authorization === `Bearer ${JWT}`)).toBe(true);
    expect(seen[2]!.body).toEqual({ name: 'Acme Labs' });
  });

  it('members, invitations, keys and invitation accept hit their endpoints with their bodies', async () => {
    const created = { api_key: 'hk_live_Tm4Pq8Rs2Uv6Wx0Yz3Ab7Cd1Ef5Gh9Jk2', key_info: orgKey(1) };
    server.use(
      http.patch(`${BASE}/api/v1/organizations/:orgId/members/:userId`, () => HttpResponse.json({ ...member, role: 'admin' })),
      http.delete(`${BASE}/api/v1/organizations/:orgId/members/:userId`, () => HttpResponse.json({ message: 'Member removed successfully' })),
      http.post(`${BASE}/api/v1/organizations/:orgId/invitations`, () => HttpResponse.json(invitation, { status: 201 })),
      http.delete(`${BASE}/api/v1/organizations/:orgId/invitations/:id`, () => HttpResponse.json({ message: 'Invitation revoked successfully' })),
      http.post(`${BASE}/api/v1/organizations/:orgId/api-keys`, () => HttpResponse.json(created, { status: 201 })),
      http.delete(`${BASE}/api/v1/organizations/:orgId/api-keys/:keyId`, () => HttpResponse.json({ message: 'API key revoked successfully' })),
      http.post(`${BASE}/api/v1/invitations/accept`, () => HttpResponse.json({ organization, member })),
    );
    const auth = signedIn();
    await expect(auth.organizations.members.update(ORG_ID, OTHER_USER_ID, { role: 'admin' })).resolves.toMatchObject({ role: 'admin' });
    await auth.organizations.members.remove(ORG_ID, OTHER_USER_ID);
    await expect(auth.organizations.invitations.create(ORG_ID, { email: 'dev@example.com', role: 'developer' })).resolves.toEqual(invitation);
    await auth.organizations.invitations.revoke(ORG_ID, invitation.id);
    await expect(auth.organizations.keys.create(ORG_ID, { name: 'Team Prediction Key', service_id: 'prediction' })).resolves.toEqual(created);
    await auth.organizations.keys.revoke(ORG_ID, created.key_info.key_id);
    await expect(auth.invitations.accept({ token: 'inv_token_from_the_email' })).resolves.toEqual({ organization, member });
    expect(seen.map((r) => `${r.method} ${r.url.pathname} ${JSON.stringify(r.body ?? null)}`)).toEqual([
      `PATCH /api/v1/organizations/${ORG_ID}/members/${OTHER_USER_ID} {"role":"admin"}`,
      `DELETE /api/v1/organizations/${ORG_ID}/members/${OTHER_USER_ID} null`,
      `POST /api/v1/organizations/${ORG_ID}/invitations {"email":"dev@example.com","role":"developer"}`,
      `DELETE /api/v1/organizations/${ORG_ID}/invitations/${invitation.id} null`,
      `POST /api/v1/organizations/${ORG_ID}/api-keys {"name":"Team Prediction Key","service_id":"prediction"}`,
      `DELETE /api/v1/organizations/${ORG_ID}/api-keys/${created.key_info.key_id} null`,
      'POST /api/v1/invitations/accept {"token":"inv_token_from_the_email"}',
    ]);
    expect(seen.every((r) => r.authorization === `Bearer ${JWT}`)).toBe(true);
  });

  it('creates carry an Idempotency-Key, the same one on every retry', async () => {
    let attempts = 0;
    server.use(
      http.post(`${BASE}/api/v1/organizations`, () =>
        ++attempts < 3 ? HttpResponse.json({ detail: 'busy' }, { status: 503 }) : HttpResponse.json(organization, { status: 201 }),
      ),
    );
    await signedIn().organizations.create({ name: 'Acme Research' });
    expect(seen).toHaveLength(3);
    expect(seen[0]!.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(seen.map((r) => r.idempotencyKey)).size).toBe(1);
  });

  it('without an access token: MissingAccessTokenError, and nothing is sent', async () => {
    const auth = client({ adminToken: 'an-admin-token-is-not-enough' });
    const error = await auth.organizations.get(ORG_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingAccessTokenError);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/^organizations\.get needs an access token/);
    await expect(auth.organizations.keys.list(ORG_ID).toArray()).rejects.toBeInstanceOf(MissingAccessTokenError);
    await expect(auth.invitations.accept({ token: 't' })).rejects.toBeInstanceOf(MissingAccessTokenError);
    expect(seen).toEqual([]);
  });

  it.each([
    [401, { detail: 'Token expired' }, AuthenticationError],
    [403, { detail: 'Insufficient permissions' }, PermissionDeniedError],
    [404, { detail: 'Organization not found' }, NotFoundError],
    [409, { detail: 'An organization must keep at least one owner' }, ConflictError],
  ] as const)('%i becomes %O with the detail', async (status, body, ErrorClass) => {
    server.use(http.patch(`${BASE}/api/v1/organizations/:orgId/members/:userId`, () => HttpResponse.json(body, { status })));
    const error = (await signedIn()
      .organizations.members.update(ORG_ID, OTHER_USER_ID, { role: 'viewer' })
      .catch((e: unknown) => e)) as InstanceType<typeof ErrorClass>;
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error.status).toBe(status);
    expect(error.detail).toBe(body.detail);
    // The transport's policy: a PATCH is sent once (retried only when marked safe or idempotent).
    expect(seen).toHaveLength(1);
  });

  it('an empty id is refused before anything is sent', async () => {
    const auth = signedIn();
    await expect(auth.organizations.get('')).rejects.toThrow('orgId must be a non-empty string');
    expect(() => auth.organizations.members.list(' ')).toThrow('orgId must be a non-empty string');
    await expect(auth.organizations.keys.revoke(ORG_ID, '')).rejects.toThrow('keyId must be a non-empty string');
    expect(seen).toEqual([]);
  });
});

describe('paginated lists over HTTP', () => {
  /** Serves `total` org keys `limit` at a time; the cursor is the next index. */
  function keysOverPages(total: number) {
    server.use(
      http.get(`${BASE}/api/v1/organizations/:orgId/api-keys`, ({ request }) => {
        const url = new URL(request.url);
        const limit = Number(url.searchParams.get('limit') ?? 50);
        const start = Number(url.searchParams.get('cursor') ?? 0);
        const end = Math.min(total, start + limit);
        const data = Array.from({ length: end - start }, (_, i) => orgKey(start + i));
        return HttpResponse.json({ data, next_cursor: end < total ? String(end) : null });
      }),
    );
  }

  it('for await walks every page, sending the filters and each next_cursor', async () => {
    keysOverPages(5);
    const names: string[] = [];
    for await (const key of signedIn().organizations.keys.list(ORG_ID, { limit: 2, active_only: true })) names.push(key.name);
    expect(names).toEqual(['Key 0', 'Key 1', 'Key 2', 'Key 3', 'Key 4']);
    expect(seen.map((r) => r.url.search)).toEqual(['?limit=2&active_only=true', '?limit=2&active_only=true&cursor=2', '?limit=2&active_only=true&cursor=4']);
    expect(seen.every((r) => r.authorization === `Bearer ${JWT}`)).toBe(true);
  });

  it('await gives one page; getNextPage continues where it ended', async () => {
    keysOverPages(3);
    const first = await signedIn().organizations.keys.list(ORG_ID, { limit: 2 });
    expect(first.data.map((k) => k.name)).toEqual(['Key 0', 'Key 1']);
    expect(first.next_cursor).toBe('2');
    const second = await first.getNextPage();
    expect(second.data.map((k) => k.name)).toEqual(['Key 2']);
    expect(second.hasNextPage()).toBe(false);
  });

  it('a page that fails once is retried like any GET', async () => {
    let attempts = 0;
    server.use(
      http.get(`${BASE}/api/v1/organizations/:orgId/members`, () =>
        ++attempts === 1 ? HttpResponse.json({ detail: 'busy' }, { status: 503 }) : HttpResponse.json({ data: [member], next_cursor: null }),
      ),
    );
    await expect(signedIn().organizations.members.list(ORG_ID).toArray()).resolves.toEqual([member]);
    expect(attempts).toBe(2);
  });

  it('every list of the API is paginated the same way', async () => {
    server.use(
      http.get(`${BASE}/api/v1/organizations`, () => HttpResponse.json({ data: [{ ...organization, role: 'owner' }], next_cursor: null })),
      http.get(`${BASE}/api/v1/organizations/:orgId/invitations`, () => HttpResponse.json({ data: [invitation], next_cursor: null })),
      http.get(`${BASE}/api/v1/organizations/:orgId/audit-logs`, () => HttpResponse.json({ data: [auditEntry], next_cursor: null })),
    );
    const auth = signedIn();
    await expect(auth.organizations.list().toArray()).resolves.toEqual([{ ...organization, role: 'owner' }]);
    await expect(auth.organizations.invitations.list(ORG_ID).toArray()).resolves.toEqual([invitation]);
    const entries = await auth.organizations.auditLogs
      .list(ORG_ID, { action: 'api_key.created', since: '2025-01-01T00:00:00Z', until: '2025-02-01T00:00:00Z' })
      .toArray();
    expect(entries).toEqual([auditEntry]);
    expect(seen.at(-1)!.url.searchParams.get('action')).toBe('api_key.created');
    expect(seen.at(-1)!.url.searchParams.get('since')).toBe('2025-01-01T00:00:00Z');
  });
});

describe('withAccessToken', () => {
  it('gives a client that sends the token, same URL and settings; the original stays without', async () => {
    server.use(http.get(`${BASE}/api/v1/organizations/:orgId`, () => HttpResponse.json(organization)));
    const anonymous = client();
    const me = anonymous.withAccessToken(JWT);
    expect(me).toBeInstanceOf(HokusaiAuth);
    expect(me.baseUrl).toBe(anonymous.baseUrl);
    await me.organizations.get(ORG_ID);
    expect(seen[0]!.authorization).toBe(`Bearer ${JWT}`);
    await expect(anonymous.organizations.get(ORG_ID)).rejects.toBeInstanceOf(MissingAccessTokenError);
    expect(() => anonymous.withAccessToken('')).toThrow('accessToken must be a non-empty string');
  });
});
