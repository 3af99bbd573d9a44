// The engine without HTTP (what msw handlers and custom hosts build on), and the app options.
import { describe, expect, it } from 'vitest';
import { createApp, createEngine, ManualClock, MemoryStore, requestSchemas, webCryptoHmacHasher } from '../../../src/server';
import { ADMIN_TOKEN, makeTestApp } from '../support';

/** Engine inputs are the spec's parsed request bodies; direct callers parse with the same schemas. */
const createInput = (fields: Record<string, unknown>) => requestSchemas.createKey.body.parse(fields);

describe('createEngine', () => {
  it('runs the whole key life cycle without HTTP', async () => {
    const clock = new ManualClock('2025-01-15T10:30:00Z');
    const engine = createEngine({ clock });
    const { api_key, key_info } = await engine.createKey(createInput({ name: 'direct', service_id: 'prediction', environment: 'test' }));
    expect((await engine.validate({ apiKey: api_key, service_id: 'prediction' })).status).toBe(200);
    engine.recordUsage(key_info.key_id, requestSchemas.recordUsage.body.parse({ service_id: 'prediction', endpoint: '/v1/predict', status_code: 200, response_time_ms: 4, predictions_count: 2 }));
    expect(engine.usageStats(key_info.key_id).total_predictions).toBe(2);
    const rotated = await engine.rotateKey(key_info.key_id);
    expect((await engine.validate({ apiKey: api_key })).body).toMatchObject({ error_code: 'revoked' });
    engine.revokeKey(rotated.key_info.key_id);
    expect(engine.listKeys({ active_only: true })).toEqual([]);
    expect(engine.ready()).toBe(true);
  });

  it('throws EngineError with a kind for what only the engine can tell (unknown key)', () => {
    const engine = createEngine();
    expect(() => engine.getKey('0f8fad5b-d9cb-469f-a165-70867728950e')).toThrow(expect.objectContaining({ kind: 'not_found', detail: 'API key not found' }));
    const debit = requestSchemas.debitUsage.body.parse({ endpoint: '/predict', service_id: 'platform', idempotency_key: 'k-1' });
    expect(() => engine.debit('0f8fad5b-d9cb-469f-a165-70867728950e', debit)).toThrow(expect.objectContaining({ kind: 'not_found' }));
  });

  it('does not let a caller change a key through the objects it returns', async () => {
    const engine = createEngine();
    const { key_info } = await engine.createKey(createInput({ name: 'x', service_id: 'prediction', scopes: ['read'] }));
    key_info.scopes.push('admin');
    engine.getKey(key_info.key_id).scopes.push('admin');
    expect(engine.getKey(key_info.key_id).scopes).toEqual(['read']);
  });
});

describe('createApp options', () => {
  it('works with the asynchronous Web Crypto hasher', async () => {
    const app = createApp({ adminToken: ADMIN_TOKEN, hasher: webCryptoHmacHasher });
    const created = await (
      await app.request('/api/v1/keys', {
        method: 'POST',
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'webcrypto', service_id: 'prediction' }),
      })
    ).json();
    const res = await app.request('/api/v1/keys/validate', { method: 'POST', headers: { 'X-API-Key': created.api_key } });
    expect(res.status).toBe(200);
  });

  it('serves an engine it is given, so several hosts can share one', async () => {
    const engine = createEngine({ store: new MemoryStore() });
    const a = createApp({ engine, adminToken: ADMIN_TOKEN });
    const b = createApp({ engine, adminToken: ADMIN_TOKEN });
    const { api_key } = await engine.createKey(createInput({ name: 'shared', service_id: 'prediction' }));
    for (const app of [a, b]) expect((await app.request('/api/v1/keys/validate', { method: 'POST', headers: { 'X-API-Key': api_key } })).status).toBe(200);
  });

  it('takes the connection address from env.clientIp (msw, custom hosts)', async () => {
    const app = createApp({ adminToken: ADMIN_TOKEN });
    const { api_key } = await app.engine.createKey(createInput({ name: 'ip', service_id: 'prediction', allowed_ips: ['192.0.2.0/24'] }));
    const call = (env?: unknown) => app.fetch(new Request('http://localhost/api/v1/keys/validate', { method: 'POST', headers: { 'X-API-Key': api_key } }), env);
    expect((await call({ clientIp: '192.0.2.8' })).status).toBe(200);
    expect((await call({ clientIp: '198.51.100.1' })).status).toBe(401);
    expect((await call()).status).toBe(401); // no address known: an allowlisted key cannot pass
  });

  it('refuses an empty admin token', () => {
    expect(() => createApp({ adminToken: ' ' })).toThrow(TypeError);
  });

  it('answers 500 with a generic text for a real internal failure, and keeps serving', async () => {
    const errors: unknown[] = [];
    const t = makeTestApp({ logger: { error: (_message, error) => errors.push(error) } });
    await t.createKey();
    t.store.close(); // every store call now throws
    const res = await t.admin('/api/v1/keys');
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ detail: 'Internal server error' });
    expect(res.headers.get('X-Frame-Options')).toBe('DENY');
    expect(errors).toHaveLength(1);
    expect((await t.request('/health')).status).toBe(200);
  });
});

describe('the quickstart, word for word', () => {
  it('creates the key of step 1, validates it as in step 2 and lists models as in step 3', async () => {
    const t = makeTestApp();
    const step1 = await t.request('/api/v1/keys', {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: '{\n"name": "My First Key",\n"service_id": "prediction",\n"scopes": ["predict"],\n"environment": "test"\n}',
    });
    expect(step1.status).toBe(201);
    const { api_key, key_info } = await step1.json();
    expect(api_key).toMatch(/^hk_test_[A-Za-z0-9]{32}$/);
    expect(key_info).toMatchObject({ name: 'My First Key', key_prefix: `${api_key.slice(0, 11)}***`, service_id: 'prediction', scopes: ['predict'], environment: 'test', is_active: true, rate_limit_per_hour: 1000 });

    const step2 = await t.request('/api/v1/keys/validate', {
      method: 'POST',
      headers: { Authorization: `Bearer ${api_key}`, 'Content-Type': 'application/json' },
      body: '{"service_id": "prediction"}',
    });
    expect(step2.status).toBe(200);
    expect(await step2.json()).toMatchObject({ is_valid: true, key_id: key_info.key_id, user_id: 'admin', service_id: 'prediction', scopes: ['predict'], rate_limit_per_hour: 1000, billing_plan: 'free' });

    const step3 = await t.request('/v1/models', { headers: { Authorization: `Bearer ${api_key}` } });
    expect(step3.status).toBe(200);
    expect((await step3.json()).models.length).toBeGreaterThan(0);
  });
});
