import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError, HokusaiAuth, MissingAdminTokenError } from '../../src/client';
import { ADMIN_TOKEN, API_KEY, BASE_URL, fakeClient, json, keyInfo, KEY_ID, validationSuccess } from './fake-client';

const created = { api_key: API_KEY, key_info: keyInfo };

describe('each method sends the request the API expects', () => {
  it('keys.create: POST /api/v1/keys with the admin token, JSON body as given (snake_case)', async () => {
    const { auth, requests } = fakeClient([json(created, 201)]);
    const result = await auth.keys.create({ name: 'My First Key', service_id: 'prediction', scopes: ['predict'], environment: 'test' });
    expect(result).toEqual(created);
    const [req] = requests;
    expect(req!.method).toBe('POST');
    expect(req!.url.href).toBe(`${BASE_URL}/api/v1/keys`);
    expect(req!.headers.get('authorization')).toBe(`Bearer ${ADMIN_TOKEN}`);
    expect(req!.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(req!.body)).toEqual({ name: 'My First Key', service_id: 'prediction', scopes: ['predict'], environment: 'test' });
  });

  it('keys.list: GET with the filters as query parameters', async () => {
    const { auth, requests } = fakeClient([json([keyInfo])]);
    await expect(auth.keys.list({ service_id: 'prediction', active_only: true })).resolves.toEqual([keyInfo]);
    expect(requests[0]!.method).toBe('GET');
    expect(requests[0]!.url.pathname).toBe('/api/v1/keys');
    expect(Object.fromEntries(requests[0]!.url.searchParams)).toEqual({ service_id: 'prediction', active_only: 'true' });
    await auth.keys.list();
    expect(requests[1]!.url.search).toBe('');
  });

  it('keys.get / rotate / revoke put the key id in the path, encoded', async () => {
    const { auth, requests } = fakeClient([json(keyInfo), json(created, 201), json({ message: 'API key revoked successfully' })]);
    await auth.keys.get(KEY_ID);
    await auth.keys.rotate(KEY_ID);
    await expect(auth.keys.revoke('../health')).resolves.toEqual({ message: 'API key revoked successfully' });
    expect(requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      `GET /api/v1/keys/${KEY_ID}`,
      `POST /api/v1/keys/${KEY_ID}/rotate`,
      'DELETE /api/v1/keys/..%2Fhealth',
    ]);
    expect(requests.every((r) => r.headers.get('authorization') === `Bearer ${ADMIN_TOKEN}`)).toBe(true);
  });

  it('validate sends the key as Bearer by default, never the admin token', async () => {
    const { auth, requests } = fakeClient([json(validationSuccess)]);
    await expect(auth.validate(API_KEY, { service_id: 'prediction' })).resolves.toEqual(validationSuccess);
    expect(requests[0]!.method).toBe('POST');
    expect(requests[0]!.url.pathname).toBe('/api/v1/keys/validate');
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
    expect(JSON.parse(requests[0]!.body)).toEqual({ service_id: 'prediction' });
  });

  it("validate via 'x-api-key' and via 'body'", async () => {
    const { auth, requests } = fakeClient([json(validationSuccess)]);
    await auth.validate(API_KEY, { via: 'x-api-key', required_scope: 'predict', client_ip: '203.0.113.10' });
    await auth.validate(API_KEY, { via: 'body', service_id: 'prediction' });
    expect(requests[0]!.headers.get('x-api-key')).toBe(API_KEY);
    expect(requests[0]!.headers.get('authorization')).toBeNull();
    expect(JSON.parse(requests[0]!.body)).toEqual({ required_scope: 'predict', client_ip: '203.0.113.10' });
    expect(requests[1]!.headers.get('authorization')).toBeNull();
    expect(requests[1]!.headers.get('x-api-key')).toBeNull();
    expect(JSON.parse(requests[1]!.body)).toEqual({ service_id: 'prediction', api_key: API_KEY });
  });

  it('validate with no checks sends an empty JSON object', async () => {
    const { auth, requests } = fakeClient([json(validationSuccess)]);
    await auth.validate(API_KEY);
    expect(requests[0]!.body).toBe('{}');
  });

  it('usage.record: POST without the admin token, with an Idempotency-Key', async () => {
    const { auth, requests } = fakeClient([json({ message: 'Usage recorded successfully' })]);
    const record = { service_id: 'prediction', endpoint: '/v1/predict', status_code: 200, response_time_ms: 142, predictions_count: 3 };
    await expect(auth.usage.record(KEY_ID, record)).resolves.toEqual({ message: 'Usage recorded successfully' });
    expect(requests[0]!.url.pathname).toBe(`/api/v1/usage/${KEY_ID}`);
    expect(requests[0]!.headers.get('authorization')).toBeNull();
    expect(requests[0]!.headers.get('idempotency-key')).toBeTruthy();
    expect(JSON.parse(requests[0]!.body)).toEqual(record);
  });

  it('usage.stats / billing / aggregate: admin GETs with their query', async () => {
    const { auth, requests } = fakeClient([json({ ok: 1 })]);
    await auth.usage.stats(KEY_ID, { period: '2025-01' });
    await auth.usage.billing(KEY_ID);
    await auth.usage.aggregate({ service_id: 'prediction', start_date: '2025-01-01T00:00:00Z', end_date: '2025-01-31T00:00:00Z' });
    expect(requests.map((r) => `${r.method} ${r.url.pathname}${r.url.search}`)).toEqual([
      `GET /api/v1/usage/${KEY_ID}/stats?period=2025-01`,
      `GET /api/v1/usage/${KEY_ID}/billing`,
      'GET /api/v1/usage/aggregate?service_id=prediction&start_date=2025-01-01T00%3A00%3A00Z&end_date=2025-01-31T00%3A00%3A00Z',
    ]);
    expect(requests.every((r) => r.headers.get('authorization') === `Bearer ${ADMIN_TOKEN}`)).toBe(true);
  });

  it('health / ready need no credentials', async () => {
    const { auth, requests } = fakeClient([json({ status: 'healthy' }), json({ status: 'ready', checks: { database: true } })]);
    await expect(auth.health()).resolves.toEqual({ status: 'healthy' });
    await expect(auth.ready()).resolves.toEqual({ status: 'ready', checks: { database: true } });
    expect(requests.map((r) => r.url.pathname)).toEqual(['/health', '/ready']);
    expect(requests.every((r) => r.headers.get('authorization') === null)).toBe(true);
  });

  it('models.list calls /v1/models with the API key as Bearer', async () => {
    const models = { models: [{ id: 'hokusai-small', name: 'Hokusai Small', description: 'x', owned_by: 'hokusai' }] };
    const { auth, requests } = fakeClient([json(models)]);
    await expect(auth.models.list(API_KEY)).resolves.toEqual(models);
    expect(requests[0]!.url.pathname).toBe('/v1/models');
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
  });
});

describe('headers', () => {
  it('sends client headers on every call and per-call headers on that call only', async () => {
    const { auth, requests } = fakeClient([json([])], { headers: { 'X-Client': 'billing-service', 'X-Request-ID': 'default' } });
    await auth.keys.list({}, { headers: { 'X-Request-ID': 'req-123' } });
    await auth.keys.list();
    expect(requests[0]!.headers.get('x-client')).toBe('billing-service');
    expect(requests[0]!.headers.get('x-request-id')).toBe('req-123');
    expect(requests[1]!.headers.get('x-request-id')).toBe('default');
  });
});

describe('admin token', () => {
  const adminCalls: [string, (auth: HokusaiAuth) => Promise<unknown>][] = [
    ['keys.create', (a) => a.keys.create({ name: 'n', service_id: 'prediction' })],
    ['keys.list', (a) => a.keys.list()],
    ['keys.get', (a) => a.keys.get(KEY_ID)],
    ['keys.rotate', (a) => a.keys.rotate(KEY_ID)],
    ['keys.revoke', (a) => a.keys.revoke(KEY_ID)],
    ['usage.stats', (a) => a.usage.stats(KEY_ID)],
    ['usage.billing', (a) => a.usage.billing(KEY_ID)],
    ['usage.aggregate', (a) => a.usage.aggregate()],
  ];

  afterEach(() => vi.unstubAllEnvs());

  it.each(adminCalls)('%s without a token fails before sending anything', async (name, call) => {
    vi.stubEnv('HOKUSAI_ADMIN_TOKEN', '');
    const { auth, requests } = fakeClient([json({})], { adminToken: undefined });
    const error = await call(auth).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingAdminTokenError);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain(`${name} needs an admin token`);
    expect((error as Error).message).toContain('HOKUSAI_ADMIN_TOKEN');
    expect(requests).toHaveLength(0);
  });

  it('public calls work without a token', async () => {
    vi.stubEnv('HOKUSAI_ADMIN_TOKEN', '');
    const { auth } = fakeClient([json(validationSuccess)], { adminToken: undefined });
    await expect(auth.validate(API_KEY)).resolves.toEqual(validationSuccess);
  });
});

describe('configuration', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('defaults to https://auth.hokus.ai', async () => {
    vi.stubEnv('HOKUSAI_AUTH_URL', '');
    const auth = new HokusaiAuth({ fetch: async () => json({}) });
    expect(auth.baseUrl).toBe('https://auth.hokus.ai');
  });

  it('reads HOKUSAI_AUTH_URL and HOKUSAI_ADMIN_TOKEN when not given', async () => {
    vi.stubEnv('HOKUSAI_AUTH_URL', 'http://localhost:8787/');
    vi.stubEnv('HOKUSAI_ADMIN_TOKEN', 'env-admin-token');
    const seen: Request[] = [];
    const auth = new HokusaiAuth({ fetch: async (r) => (seen.push(r), json([])) });
    await auth.keys.list();
    expect(seen[0]!.url).toBe('http://localhost:8787/api/v1/keys');
    expect(seen[0]!.headers.get('authorization')).toBe('Bearer env-admin-token');
  });

  it('explicit options win over the environment', async () => {
    vi.stubEnv('HOKUSAI_AUTH_URL', 'http://env.test');
    vi.stubEnv('HOKUSAI_ADMIN_TOKEN', 'env-admin-token');
    const seen: Request[] = [];
    const auth = new HokusaiAuth({ baseUrl: 'http://given.test/base', adminToken: 'given', fetch: async (r) => (seen.push(r), json([])) });
    await auth.keys.list();
    expect(seen[0]!.url).toBe('http://given.test/base/api/v1/keys');
    expect(seen[0]!.headers.get('authorization')).toBe('Bearer given');
  });

  it.each([
    [{ baseUrl: 'auth.hokus.ai' }, 'baseUrl must be an absolute http(s) URL'],
    [{ baseUrl: 'ftp://auth.hokus.ai' }, 'baseUrl must be an absolute http(s) URL'],
    [{ baseUrl: 'https://user:pw@auth.hokus.ai' }, 'baseUrl must be an absolute http(s) URL without credentials'],
    [{ timeoutMs: 0 }, 'timeoutMs must be a number >= 1'],
    [{ timeoutMs: Number.NaN }, 'timeoutMs must be a number >= 1'],
    [{ maxRetries: -1 }, 'maxRetries must be a whole number >= 0'],
    [{ maxRetries: 1.5 }, 'maxRetries must be a whole number >= 0'],
    [{ maxRetryDelayMs: -1 }, 'maxRetryDelayMs must be a number >= 0'],
  ])('rejects %o with a ConfigurationError naming the field', (options, message) => {
    expect(() => new HokusaiAuth(options)).toThrow(ConfigurationError);
    expect(() => new HokusaiAuth(options)).toThrow(message);
  });

  it('rejects bad per-call options and arguments before sending', async () => {
    const { auth, requests } = fakeClient([json({})]);
    await expect(auth.keys.list({}, { timeoutMs: -5 })).rejects.toThrow('timeoutMs must be a number >= 1');
    await expect(auth.keys.list({}, { maxRetries: -1 })).rejects.toThrow('maxRetries must be a whole number >= 0');
    await expect(auth.keys.get('')).rejects.toThrow('keyId must be a non-empty string');
    await expect(auth.usage.billing(undefined as never)).rejects.toThrow('keyId must be a non-empty string');
    await expect(auth.validate('')).rejects.toThrow('apiKey must be a non-empty string');
    await expect(auth.models.list(' ')).rejects.toThrow('apiKey must be a non-empty string');
    expect(requests).toHaveLength(0);
  });

  it('a fetch option that is not a function is a ConfigurationError, not retried', async () => {
    const auth = new HokusaiAuth({ baseUrl: 'http://auth.test', fetch: 'nope' as never });
    const error = await auth.health().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/^health: the request could not be built \(.*not a function\)$/);
  });

  it('a key that cannot go in a header is a ConfigurationError, not a retried network error', async () => {
    const { auth, requests } = fakeClient([json({})]);
    const error = await auth.validate('hk_test_bad\nkey').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/^validate: the request could not be built/);
    expect(requests).toHaveLength(0);
  });
});
