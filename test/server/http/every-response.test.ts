// What every response shares (api.md §7) and the admin-token rules (§1).
import { describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../../../src/server';
import { ADMIN_TOKEN, makeTestApp } from '../support';

const SECURITY = {
  'Content-Security-Policy': expect.stringContaining("default-src 'none'"),
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Strict-Transport-Security': 'max-age=31536000',
  'X-XSS-Protection': '1; mode=block',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
};

function securityHeadersOf(res: Response) {
  return Object.fromEntries(Object.keys(SECURITY).map((name) => [name, res.headers.get(name)]));
}

describe('every response', () => {
  it('is checked against the spec by this suite: an off-spec answer fails the request', async () => {
    const t = makeTestApp();
    t.app.hono.get('/undocumented', (c) => c.json({ ok: true }));
    await expect(t.request('/undocumented')).rejects.toThrow(/undocumented|not in the spec|path/i);
  });

  it('carries the security headers, whatever its status', async () => {
    const t = makeTestApp({ maxBodyBytes: 1024 });
    const { api_key } = await t.createKey({ rate_limit_per_hour: 10 });
    for (let i = 0; i < 10; i++) await t.validate(api_key);
    const answers = await Promise.all([
      t.request('/health'), // 200
      t.admin('/api/v1/keys', { method: 'POST', json: { name: 'x', service_id: 'prediction' } }), // 201
      t.admin('/api/v1/keys', { method: 'POST', body: '{oops', headers: { 'Content-Type': 'application/json' } }), // 400
      t.request('/api/v1/keys'), // 401
      t.admin('/api/v1/keys/0f8fad5b-d9cb-469f-a165-70867728950e'), // 404
      t.request('/nowhere'), // 404 route
      t.request('/health', { method: 'DELETE' }), // 405
      t.request('/api/v1/keys/validate', { method: 'POST', body: 'x'.repeat(2048) }), // 413
      t.validate(api_key), // 429
      t.request('/health', { method: 'OPTIONS', headers: { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'GET' } }), // 204
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 201, 400, 401, 404, 404, 405, 413, 429, 204]);
    for (const res of answers) expect(securityHeadersOf(res)).toEqual(SECURITY);
    expect(Object.keys(SECURITY_HEADERS).sort()).toEqual(Object.keys(SECURITY).sort());
  });

  it('echoes a sane X-Request-ID and makes one up otherwise', async () => {
    const t = makeTestApp();
    expect((await t.request('/health', { headers: { 'X-Request-ID': 'req-5f2b7c9e' } })).headers.get('X-Request-ID')).toBe('req-5f2b7c9e');
    const made = (await t.request('/health')).headers.get('X-Request-ID');
    expect(made).toMatch(/^[0-9a-f-]{36}$/);
    expect((await t.request('/health')).headers.get('X-Request-ID')).not.toBe(made);
    const tooLong = (await t.request('/nowhere', { headers: { 'X-Request-ID': 'x'.repeat(500) } })).headers.get('X-Request-ID');
    expect(tooLong).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('allows browser callers: CORS preflight and exposed headers', async () => {
    const t = makeTestApp();
    const preflight = await t.request('/api/v1/keys/validate', {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-api-key' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const allowHeaders = preflight.headers.get('Access-Control-Allow-Headers')?.toLowerCase() ?? '';
    for (const header of ['authorization', 'content-type', 'x-api-key', 'idempotency-key', 'x-request-id']) expect(allowHeaders).toContain(header);
    expect(preflight.headers.get('Access-Control-Allow-Methods')).toContain('DELETE');

    const res = await t.request('/health', { headers: { Origin: 'http://localhost:5173' } });
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const exposed = res.headers.get('Access-Control-Expose-Headers')?.toLowerCase() ?? '';
    for (const header of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'retry-after', 'x-request-id']) expect(exposed).toContain(header);
  });

  it('answers an unknown route with 404 JSON and a wrong method with 405 JSON and Allow', async () => {
    const t = makeTestApp();
    const missing = await t.request('/api/v2/keys');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ detail: 'Not found' });
    const cases: [string, string, string][] = [
      ['PUT', '/api/v1/keys', 'POST, GET, HEAD'],
      ['GET', '/api/v1/keys/validate', 'POST'],
      ['PATCH', '/api/v1/keys/0f8fad5b-d9cb-469f-a165-70867728950e', 'GET, HEAD, DELETE'],
      ['GET', '/api/v1/keys/0f8fad5b-d9cb-469f-a165-70867728950e/rotate', 'POST'],
      ['POST', '/api/v1/usage/aggregate', 'GET, HEAD'],
      ['DELETE', '/v1/models', 'GET, HEAD'],
    ];
    // A concrete path wins over a templated one (OpenAPI 3.1, "Path Templating Matching"), so
    // GET /keys/validate and POST /usage/aggregate are wrong methods of those paths, not calls
    // of /keys/{key_id} or /usage/{key_id}.
    for (const [method, path, allow] of cases) {
      const res = await t.admin(path, { method });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get('Allow')).toBe(allow);
      expect((await res.json()).detail).toEqual(expect.any(String));
    }
  });

  it('answers HEAD like GET without a body', async () => {
    const t = makeTestApp();
    const res = await t.request('/health', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('refuses bodies over 64 KiB with 413, with or without Content-Length', async () => {
    const t = makeTestApp();
    const big = JSON.stringify({ name: 'x', service_id: 'prediction', scopes: ['y'.repeat(70 * 1024)] });
    const res = await t.admin('/api/v1/keys', { method: 'POST', body: big, headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ detail: 'Request body too large' });
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const streamed = await t.request('/api/v1/keys/validate', { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
    // Exactly 64 KiB is still fine (the body is then checked as usual).
    const edge = JSON.stringify({ api_key: 'x'.repeat(64 * 1024 - 14) });
    expect(edge.length).toBe(64 * 1024);
    expect((await t.request('/api/v1/keys/validate', { method: 'POST', body: edge })).status).toBe(401);
    expect((await t.admin('/api/v1/keys')).status).toBe(200);
  });

  it('answers malformed JSON and non-object bodies with 400', async () => {
    const t = makeTestApp();
    const send = (body: string) => t.admin('/api/v1/keys', { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
    const malformed = await send('{"name": "x",');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ detail: 'Malformed JSON body' });
    for (const body of ['[]', '"text"', '42', 'null']) {
      const res = await send(body);
      expect(res.status).toBe(400);
      expect((await res.json()).errors).toEqual([{ field: 'body', message: 'Must be a JSON object' }]);
    }
    const empty = await send('');
    expect(empty.status).toBe(400);
    expect((await empty.json()).errors).toEqual([{ field: 'body', message: 'Field required' }]);
  });
});

describe('health endpoints', () => {
  it('answer health, readiness, liveness and version', async () => {
    const t = makeTestApp();
    expect(await (await t.request('/health')).json()).toEqual({ status: 'healthy' });
    expect(await (await t.request('/ready')).json()).toEqual({ status: 'ready', checks: { database: true } });
    expect(await (await t.request('/live')).json()).toEqual({ status: 'alive' });
    expect(await (await t.request('/version')).json()).toEqual({ version: expect.stringMatching(/^\d+\.\d+\.\d+/), api_version: 'v1' });
  });

  it('/ready answers 503 when the store cannot be queried', async () => {
    const t = makeTestApp();
    t.store.close();
    const res = await t.request('/ready');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'not ready', checks: { database: false } });
    expect((await t.request('/health')).status).toBe(200);
  });
});

describe('admin token', () => {
  const adminRoutes: [string, string, unknown?][] = [
    ['POST', '/api/v1/keys', { name: 'x', service_id: 'prediction' }],
    ['GET', '/api/v1/keys'],
    ['GET', '/api/v1/keys/0f8fad5b-d9cb-469f-a165-70867728950e'],
    ['DELETE', '/api/v1/keys/0f8fad5b-d9cb-469f-a165-70867728950e'],
    ['POST', '/api/v1/keys/0f8fad5b-d9cb-469f-a165-70867728950e/rotate'],
    ['GET', '/api/v1/usage/0f8fad5b-d9cb-469f-a165-70867728950e/stats'],
    ['GET', '/api/v1/usage/0f8fad5b-d9cb-469f-a165-70867728950e/billing'],
    ['GET', '/api/v1/usage/aggregate'],
  ];

  it.each(adminRoutes)('%s %s: no or garbled header → "Not authenticated", wrong token → "Invalid authentication credentials"', async (method, path, json) => {
    const t = makeTestApp();
    const call = (authorization?: string) =>
      t.request(path, { method, ...(json ? { json } : {}), headers: authorization === undefined ? {} : { Authorization: authorization } });
    for (const garbled of [undefined, '', 'Bearer', 'Bearer ', `Basic ${btoa('admin:pw')}`, ADMIN_TOKEN, `Token ${ADMIN_TOKEN}`]) {
      const res = await call(garbled);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ detail: 'Not authenticated' });
    }
    for (const wrong of ['Bearer wrong', `Bearer ${ADMIN_TOKEN}x`, `Bearer ${ADMIN_TOKEN.slice(1)}`, `Bearer ${ADMIN_TOKEN.toUpperCase()}`]) {
      const res = await call(wrong);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ detail: 'Invalid authentication credentials' });
    }
    expect((await call(`bearer ${ADMIN_TOKEN}`)).status).not.toBe(401);
  });

  it('is checked before the body, so an unauthenticated caller learns nothing about it', async () => {
    const t = makeTestApp();
    const res = await t.request('/api/v1/keys', { method: 'POST', body: '{oops', headers: { Authorization: 'Bearer wrong' } });
    expect(res.status).toBe(401);
  });

  it('is not needed for validation, usage records, models and health', async () => {
    const t = makeTestApp();
    const { api_key, key_info } = await t.createKey();
    expect((await t.validate(api_key)).status).toBe(200);
    const usage = { service_id: 'prediction', endpoint: '/v1/predict', status_code: 200, response_time_ms: 5 };
    expect((await t.request(`/api/v1/usage/${key_info.key_id}`, { method: 'POST', json: usage })).status).toBe(200);
    expect((await t.request('/v1/models', { headers: { 'X-API-Key': api_key } })).status).toBe(200);
    expect((await t.request('/health')).status).toBe(200);
  });

  it('generates a token when none is given', async () => {
    const t = makeTestApp({ adminToken: undefined });
    const { adminToken } = t.app;
    expect(adminToken).toMatch(/^[0-9a-f]{64}$/);
    expect((await t.request('/api/v1/keys', { headers: { Authorization: `Bearer ${adminToken}` } })).status).toBe(200);
  });
});
