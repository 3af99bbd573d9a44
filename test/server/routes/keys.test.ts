// Key management over HTTP: create, list, get, rotate, revoke (api.md §2).
import { describe, expect, it } from 'vitest';
import { DAY, makeTestApp, START } from '../support';

const KEY_FORMAT = /^hk_(live|test|dev)_[A-Za-z0-9]{32}$/;

describe('POST /api/v1/keys', () => {
  it('creates a key with the defaults of api.md and answers 201', async () => {
    const t = makeTestApp();
    const res = await t.admin('/api/v1/keys', { method: 'POST', json: { name: 'Defaults', service_id: 'prediction' } });
    expect(res.status).toBe(201);
    const { api_key, key_info } = await res.json();
    expect(api_key).toMatch(/^hk_live_[A-Za-z0-9]{32}$/);
    expect(key_info).toEqual({
      key_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Defaults',
      key_prefix: `${api_key.slice(0, 11)}***`,
      user_id: 'admin',
      service_id: 'prediction',
      scopes: [],
      environment: 'production',
      is_active: true,
      rate_limit_per_hour: 1000,
      monthly_prediction_limit: null,
      allowed_ips: null,
      billing_plan: 'free',
      created_at: START,
      expires_at: null,
      last_used_at: null,
    });
  });

  it('takes every option, and the environment decides the key prefix', async () => {
    const t = makeTestApp();
    const body = {
      name: 'Checkout service (production)',
      service_id: 'platform',
      scopes: ['read', 'write'],
      environment: 'development',
      expires_in_days: 90,
      rate_limit_per_hour: 5000,
      monthly_prediction_limit: 100000,
      allowed_ips: ['203.0.113.10', '10.0.0.0/8', '2001:db8::/32'],
      billing_plan: 'pro',
    };
    const { api_key, key_info } = await t.createKey(body);
    expect(api_key).toMatch(/^hk_dev_/);
    const { name, service_id, scopes, environment, rate_limit_per_hour, monthly_prediction_limit, allowed_ips, billing_plan } = body;
    expect(key_info).toMatchObject({ name, service_id, scopes, environment, rate_limit_per_hour, monthly_prediction_limit, allowed_ips, billing_plan });
    expect(key_info.expires_at).toBe('2025-04-15T10:30:00Z');
  });

  it('issues a different key and key_id every time', async () => {
    const t = makeTestApp();
    const keys = await Promise.all(Array.from({ length: 20 }, () => t.createKey({ environment: 'test' })));
    expect(new Set(keys.map((k) => k.api_key)).size).toBe(20);
    expect(new Set(keys.map((k) => k.key_info.key_id)).size).toBe(20);
    for (const { api_key } of keys) expect(api_key).toMatch(KEY_FORMAT);
  });

  it('accepts null for the nullable options', async () => {
    const t = makeTestApp();
    const { key_info } = await t.createKey({ expires_in_days: null, monthly_prediction_limit: null, allowed_ips: null });
    expect(key_info).toMatchObject({ expires_at: null, monthly_prediction_limit: null, allowed_ips: null });
  });
});

describe('GET /api/v1/keys', () => {
  it('lists newest first and never shows the full key', async () => {
    const t = makeTestApp();
    const first = await t.createKey({ name: 'first' });
    t.clock.advance(1000);
    const second = await t.createKey({ name: 'second', service_id: 'platform' });
    const res = await t.admin('/api/v1/keys');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text).map((k: { name: string }) => k.name)).toEqual(['second', 'first']);
    expect(text).not.toContain(first.api_key);
    expect(text).not.toContain(second.api_key);
  });

  it('keeps creation order for keys made in the same second', async () => {
    const t = makeTestApp();
    for (const name of ['a', 'b', 'c']) await t.createKey({ name });
    const list = await (await t.admin('/api/v1/keys')).json();
    expect(list.map((k: { name: string }) => k.name)).toEqual(['c', 'b', 'a']);
  });

  it('filters by service_id', async () => {
    const t = makeTestApp();
    await t.createKey({ name: 'p', service_id: 'prediction' });
    await t.createKey({ name: 'q', service_id: 'platform' });
    const list = await (await t.admin('/api/v1/keys?service_id=platform')).json();
    expect(list.map((k: { name: string }) => k.name)).toEqual(['q']);
    expect(await (await t.admin('/api/v1/keys?service_id=unknown')).json()).toEqual([]);
  });

  it('active_only=true leaves out revoked and expired keys', async () => {
    const t = makeTestApp();
    await t.createKey({ name: 'active' });
    const revoked = await t.createKey({ name: 'revoked' });
    await t.createKey({ name: 'expiring', expires_in_days: 1 });
    await t.admin(`/api/v1/keys/${revoked.key_info.key_id}`, { method: 'DELETE' });
    t.clock.advance(DAY);
    const names = async (query: string) =>
      ((await (await t.admin(`/api/v1/keys${query}`)).json()) as { name: string }[]).map((k) => k.name).sort();
    expect(await names('?active_only=true')).toEqual(['active']);
    expect(await names('?active_only=false')).toEqual(['active', 'expiring', 'revoked']);
    expect(await names('')).toEqual(['active', 'expiring', 'revoked']);
  });
});

describe('GET /api/v1/keys/{key_id}', () => {
  it('returns the key, and a revoked key with is_active false', async () => {
    const t = makeTestApp();
    const { key_info } = await t.createKey();
    const res = await t.admin(`/api/v1/keys/${key_info.key_id}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(key_info);
    await t.admin(`/api/v1/keys/${key_info.key_id}`, { method: 'DELETE' });
    expect(await (await t.admin(`/api/v1/keys/${key_info.key_id}`)).json()).toEqual({ ...key_info, is_active: false });
  });

  it('finds the key whatever the case of the UUID', async () => {
    const t = makeTestApp();
    const { key_info } = await t.createKey();
    expect((await t.admin(`/api/v1/keys/${key_info.key_id.toUpperCase()}`)).status).toBe(200);
  });

  it('answers 404 for an unknown id and 400 naming key_id for a non-UUID', async () => {
    const t = makeTestApp();
    const missing = await t.admin('/api/v1/keys/0f8fad5b-d9cb-469f-a165-70867728950e');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ detail: 'API key not found' });
    const bad = await t.admin('/api/v1/keys/not-a-uuid');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ detail: 'Invalid request parameters', errors: [{ field: 'key_id', message: 'Must be a UUID' }] });
  });
});

describe('POST /api/v1/keys/{key_id}/rotate', () => {
  it('replaces the key: same configuration, new id and value, old key dead at once', async () => {
    const t = makeTestApp();
    const options = {
      name: 'rotating',
      service_id: 'platform',
      scopes: ['read'],
      environment: 'test',
      rate_limit_per_hour: 50,
      monthly_prediction_limit: 10,
      allowed_ips: ['127.0.0.1'],
      billing_plan: 'pro',
    };
    const old = await t.createKey(options);
    t.clock.advance(5000);
    const res = await t.admin(`/api/v1/keys/${old.key_info.key_id}/rotate`, { method: 'POST' });
    expect(res.status).toBe(201);
    const rotated = await res.json();
    expect(rotated.api_key).toMatch(/^hk_test_[A-Za-z0-9]{32}$/);
    expect(rotated.api_key).not.toBe(old.api_key);
    expect(rotated.key_info.key_id).not.toBe(old.key_info.key_id);
    expect(rotated.key_info).toMatchObject({ ...options, is_active: true, created_at: '2025-01-15T10:30:05Z', last_used_at: null });

    expect((await t.validate(old.api_key)).status).toBe(401);
    expect((await (await t.validate(old.api_key)).json()).error_code).toBe('revoked');
    expect((await t.validate(rotated.api_key)).status).toBe(200);
    expect((await (await t.admin(`/api/v1/keys/${old.key_info.key_id}`)).json()).is_active).toBe(false);
  });

  it('gives the new key a fresh expiry of the same length', async () => {
    const t = makeTestApp();
    const old = await t.createKey({ expires_in_days: 30 });
    t.clock.advance(10 * DAY);
    const rotated = await (await t.admin(`/api/v1/keys/${old.key_info.key_id}/rotate`, { method: 'POST' })).json();
    expect(rotated.key_info.expires_at).toBe('2025-02-24T10:30:00Z'); // 10 days later + 30 days
    const never = await t.createKey();
    const rotatedNever = await (await t.admin(`/api/v1/keys/${never.key_info.key_id}/rotate`, { method: 'POST' })).json();
    expect(rotatedNever.key_info.expires_at).toBeNull();
  });

  it('refuses to rotate an inactive key (400) and an unknown one (404)', async () => {
    const t = makeTestApp();
    const old = await t.createKey();
    await t.admin(`/api/v1/keys/${old.key_info.key_id}/rotate`, { method: 'POST' });
    const again = await t.admin(`/api/v1/keys/${old.key_info.key_id}/rotate`, { method: 'POST' });
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ detail: 'Cannot rotate an inactive API key' });
    const unknown = await t.admin('/api/v1/keys/0f8fad5b-d9cb-469f-a165-70867728950e/rotate', { method: 'POST' });
    expect(unknown.status).toBe(404);
  });

  it('creates exactly one successor when two rotations race', async () => {
    const t = makeTestApp();
    const old = await t.createKey();
    const results = await Promise.all([1, 2].map(() => t.admin(`/api/v1/keys/${old.key_info.key_id}/rotate`, { method: 'POST' })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 400]);
    expect(await (await t.admin('/api/v1/keys?active_only=true')).json()).toHaveLength(1);
  });
});

describe('DELETE /api/v1/keys/{key_id}', () => {
  it('revokes for good, at once, and says so', async () => {
    const t = makeTestApp();
    const { api_key, key_info } = await t.createKey();
    expect((await t.validate(api_key)).status).toBe(200);
    const res = await t.admin(`/api/v1/keys/${key_info.key_id}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ message: 'API key revoked successfully' });
    const after = await t.validate(api_key);
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ is_valid: false, error: 'API key is inactive or has been revoked', error_code: 'revoked' });
  });

  it('succeeds again on a revoked key and answers 404 for an unknown one', async () => {
    const t = makeTestApp();
    const { key_info } = await t.createKey();
    await t.admin(`/api/v1/keys/${key_info.key_id}`, { method: 'DELETE' });
    expect((await t.admin(`/api/v1/keys/${key_info.key_id}`, { method: 'DELETE' })).status).toBe(200);
    const unknown = await t.admin('/api/v1/keys/0f8fad5b-d9cb-469f-a165-70867728950e', { method: 'DELETE' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ detail: 'API key not found' });
  });
});
