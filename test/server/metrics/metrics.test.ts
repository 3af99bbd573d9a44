// GET /metrics: the JSON summary (uptime, requests by route and status, validations by outcome
// and error_code, keys, registrations) and the same as Prometheus text for text/plain.
import { describe, expect, it } from 'vitest';
import { prefersText } from '../../../src/server/routes/metrics';
import { startServer } from '../../../src/server/node';
import { makeTestApp } from '../support';
import { ACME } from '../registration/helpers';

describe('metrics', () => {
  it('summarises requests, validations, keys and registrations in JSON', async () => {
    const t = makeTestApp();
    const { api_key, key_info } = await t.createKey();
    await t.createKey();
    await t.admin(`/api/v1/keys/${key_info.key_id}`, { method: 'DELETE' });
    const live = await t.createKey();
    await t.validate(live.api_key);
    await t.validate(live.api_key);
    await t.validate(api_key);
    await t.validate('hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456');
    await t.request('/health');
    await t.request('/register', { method: 'POST', json: ACME });
    t.clock.advance(90_000);

    const res = await t.request('/metrics');
    expect(res.status).toBe(200);
    const metrics = await res.json();
    expect(metrics.uptime_seconds).toBe(90);
    expect(metrics.validations).toEqual({ total: 4, valid: 2, invalid: 2, by_error_code: { revoked: 1, invalid_key: 1 } });
    expect(metrics.keys).toEqual({ active: 2, revoked: 1 });
    expect(metrics.registrations).toEqual({ pending_email_verification: 1, email_verified: 0, pending_approval: 0, approved: 0, rejected: 0 });
    expect(metrics.requests.by_route).toEqual(
      expect.arrayContaining([
        { method: 'POST', route: '/api/v1/keys/validate', status: 200, count: 2 },
        { method: 'POST', route: '/api/v1/keys/validate', status: 401, count: 2 },
        { method: 'DELETE', route: '/api/v1/keys/{key_id}', status: 200, count: 1 },
        { method: 'GET', route: '/health', status: 200, count: 1 },
        { method: 'POST', route: '/register', status: 201, count: 1 },
      ]),
    );
    expect(metrics.requests.total).toBe(metrics.requests.by_route.reduce((sum: number, row: { count: number }) => sum + row.count, 0));
    // Each key id counts under its route, not as a route of its own.
    await t.admin(`/api/v1/keys/${live.key_info.key_id}`);
    const after = await (await t.request('/metrics')).json();
    expect(after.requests.by_route).toContainEqual({ method: 'GET', route: '/api/v1/keys/{key_id}', status: 200, count: 1 });
  });

  it('answers Prometheus text exposition to text/plain', async () => {
    const t = makeTestApp();
    const { api_key } = await t.createKey();
    await t.validate(api_key);
    const res = await t.request('/metrics', { headers: { Accept: 'text/plain;version=0.0.4;q=0.9,*/*;q=0.1' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    expect(text).toContain('# TYPE hokusai_auth_requests_total counter');
    expect(text).toContain('hokusai_auth_requests_total{method="POST",route="/api/v1/keys/validate",status="200"} 1');
    expect(text).toContain('hokusai_auth_validations_total{outcome="valid",error_code=""} 1');
    expect(text).toContain('hokusai_auth_keys{state="active"} 1');
    expect(text).toContain('hokusai_auth_registrations{status="pending_approval"} 0');
    expect(text).toMatch(/^hokusai_auth_uptime_seconds \d/m);
  });

  it('chooses text only when the caller prefers it', () => {
    expect(prefersText(undefined)).toBe(false);
    expect(prefersText('application/json')).toBe(false);
    expect(prefersText('*/*')).toBe(false);
    expect(prefersText('text/plain')).toBe(true);
    expect(prefersText('application/json, text/plain;q=0.5')).toBe(false);
    expect(prefersText('application/openmetrics-text;version=1.0.0,text/plain;q=0.5')).toBe(true);
  });

  it('counts validations answered on the Node server’s direct path', async () => {
    const server = await startServer({ port: 0, memory: true, adminToken: 'metrics-admin-token-0123456789', quiet: true });
    try {
      const created = await fetch(`${server.url}/api/v1/keys`, {
        method: 'POST',
        headers: { Authorization: 'Bearer metrics-admin-token-0123456789', 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'm', service_id: 'prediction' }),
      }).then((r) => r.json() as Promise<{ api_key: string }>);
      for (let i = 0; i < 3; i += 1) await fetch(`${server.url}/api/v1/keys/validate`, { method: 'POST', headers: { 'X-API-Key': created.api_key } }).then((r) => r.text());
      await fetch(`${server.url}/api/v1/keys/validate`, { method: 'POST', headers: { 'X-API-Key': 'hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456' } }).then((r) => r.text());
      const metrics = await fetch(`${server.url}/metrics`).then((r) => r.json() as Promise<{ validations: unknown }>);
      expect(metrics.validations).toEqual({ total: 4, valid: 3, invalid: 1, by_error_code: { invalid_key: 1 } });
    } finally {
      await server.close();
    }
  });
});
