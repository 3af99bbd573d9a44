// examples/protect-a-service.ts driven with real requests: the key in each of the three ways,
// no key, a revoked key, a rate-limited key, a key that may not be used from here, and the
// usage the service recorded.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HokusaiAuth } from '../../src/client';
import { startServer, type RunningServer } from '../../src/server/node';
import type { StartedProcess } from '../support/processes';
import { startExampleService } from './run-example';

const ADMIN = 'examples-admin-token-protect';
let server: RunningServer;
let service: StartedProcess;
let serviceUrl: string;
let admin: HokusaiAuth;

beforeAll(async () => {
  server = await startServer({ port: 0, memory: true, adminToken: ADMIN, quiet: true });
  admin = new HokusaiAuth({ baseUrl: server.url, adminToken: ADMIN, maxRetries: 0 });
  // The service gets the auth service's URL only: it needs no admin token.
  // No validation cache: a revocation applies to the very next request (the cache has its own tests).
  service = await startExampleService('examples/protect-a-service.ts', { HOKUSAI_AUTH_URL: server.url, PORT: '0', CACHE_TTL_MS: '0' });
  serviceUrl = service.url;
});
afterAll(async () => {
  await service?.stop();
  await server?.close();
});

const predict = (init: RequestInit = {}) => fetch(`${serviceUrl}/v1/predict`, { method: 'POST', ...init });
const newKey = async (fields: Record<string, unknown> = {}) =>
  admin.keys.create({ name: 'service caller', service_id: 'prediction', scopes: ['predict'], environment: 'test', ...fields });

describe('examples/protect-a-service.ts', () => {
  it('accepts the key in each of the three ways and records one use per call', async () => {
    const { api_key, key_info } = await newKey();
    const answers = [
      await predict({ headers: { Authorization: `Bearer ${api_key}` } }),
      await predict({ headers: { 'X-API-Key': api_key } }),
      await predict({ headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ api_key, input: [1, 2, 3] }) }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ model: 'hokusai-tabular-v1', prediction: 0.87 });
    }
    // Usage is recorded right after answering; wait until the three records are in.
    await vi.waitFor(async () => expect((await admin.usage.stats(key_info.key_id)).total_requests).toBe(3), { timeout: 10_000 });
    const stats = await admin.usage.stats(key_info.key_id);
    expect(stats).toMatchObject({ total_predictions: 3, error_rate: 0, top_endpoints: [{ endpoint: '/v1/predict', count: 3 }] });
    expect((await admin.keys.get(key_info.key_id)).last_used_at).not.toBeNull();
  });

  it('answers 401 with a Bearer challenge when no key is sent, and for an unknown key', async () => {
    const none = await predict();
    expect(none.status).toBe(401);
    expect(none.headers.get('WWW-Authenticate')).toBe('Bearer');
    expect(await none.json()).toEqual({ detail: 'No API key provided', error_code: 'missing_key' });

    const unknown = await predict({ headers: { 'X-API-Key': 'hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456' } });
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toEqual({ detail: 'Invalid API key', error_code: 'invalid_key' });
  });

  it('answers 401 for a key revoked a moment ago', async () => {
    const { api_key, key_info } = await newKey();
    expect((await predict({ headers: { Authorization: `Bearer ${api_key}` } })).status).toBe(200);
    await admin.keys.revoke(key_info.key_id);
    const revoked = await predict({ headers: { Authorization: `Bearer ${api_key}` } });
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toEqual({ detail: 'API key is inactive or has been revoked', error_code: 'revoked' });
  });

  it('answers 429 with the auth service’s Retry-After once the key’s hourly limit is used up', async () => {
    const { api_key } = await newKey({ rate_limit_per_hour: 10 });
    for (let i = 0; i < 10; i++) expect((await predict({ headers: { 'X-API-Key': api_key } })).status).toBe(200);
    const limited = await predict({ headers: { 'X-API-Key': api_key } });
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({ detail: 'Rate limit exceeded', error_code: 'rate_limited' });
    const retryAfter = Number(limited.headers.get('Retry-After'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    // At most the hour window, rounded up to whole seconds.
    expect(retryAfter).toBeLessThanOrEqual(3601);
  });

  it('checks scope and the caller address: 403 for a key that may not be used here, 200 from an allowed address', async () => {
    const noScope = await newKey({ scopes: ['read'] });
    const wrongScope = await predict({ headers: { 'X-API-Key': noScope.api_key } });
    expect(wrongScope.status).toBe(403);
    expect(await wrongScope.json()).toEqual({ detail: 'Key does not have required scope', error_code: 'insufficient_scope' });

    const elsewhere = await newKey({ allowed_ips: ['192.0.2.0/24'] });
    const blocked = await predict({ headers: { 'X-API-Key': elsewhere.api_key } });
    expect(blocked.status).toBe(403);
    expect(await blocked.json()).toEqual({ detail: 'IP address not in allowlist', error_code: 'ip_not_allowed' });

    const local = await newKey({ allowed_ips: ['127.0.0.1'] });
    expect((await predict({ headers: { 'X-API-Key': local.api_key } })).status).toBe(200);
  });

  it('answers 400 for a body that is not JSON and 404 for other paths', async () => {
    expect((await predict({ body: '{"api_key": ' })).status).toBe(400);
    expect((await fetch(`${serviceUrl}/v1/other`)).status).toBe(404);
  });

  it('never prints a key or the admin token', () => {
    expect(service.stdout() + service.stderr()).not.toMatch(/hk_(?:live|test|dev)_[A-Za-z0-9]{32}/);
    expect(service.stderr()).toBe('');
  });
});
