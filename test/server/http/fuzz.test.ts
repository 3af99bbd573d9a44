// Random requests at every route: nothing a caller sends may give a 500, stop the server or
// change the store when the request is rejected.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, makeTestApp } from '../support';

const printable = (maxLength: number) => fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength });
const anyText = fc.string({ unit: 'grapheme', maxLength: 30 });

async function setup() {
  const t = makeTestApp();
  const { api_key, key_info } = await t.createKey({ rate_limit_per_hour: 10, scopes: ['predict'], allowed_ips: ['127.0.0.0/8', '::1'] });
  await t.request(`/api/v1/usage/${key_info.key_id}`, {
    method: 'POST',
    json: { service_id: 'prediction', endpoint: '/v1/predict', status_code: 200, response_time_ms: 5 },
  });
  return { t, apiKey: api_key, keyId: key_info.key_id };
}

function requestArbitrary(apiKey: string, keyId: string) {
  const segment = fc.oneof(
    fc.constant(keyId),
    fc.constant(keyId.toUpperCase()),
    fc.uuid(),
    fc.constantFrom('validate', 'aggregate', 'rotate', 'stats', 'billing', '', '..', '%00', '%2F', '%E0%A4%A', '__proto__'),
    printable(12).map(encodeURIComponent),
  );
  const path = fc.oneof(
    fc.constantFrom('/health', '/ready', '/live', '/version', '/v1/models', '/api/v1/keys', '/api/v1/keys/validate', '/api/v1/usage/aggregate'),
    segment.map((s) => `/api/v1/keys/${s}`),
    segment.map((s) => `/api/v1/keys/${s}/rotate`),
    segment.map((s) => `/api/v1/usage/${s}`),
    fc.tuple(segment, fc.constantFrom('stats', 'billing')).map(([s, tail]) => `/api/v1/usage/${s}/${tail}`),
    fc.array(segment, { maxLength: 5 }).map((parts) => `/${parts.join('/')}`),
  );
  const query = fc
    .array(fc.tuple(fc.constantFrom('service_id', 'active_only', 'period', 'start_date', 'end_date', 'x'), fc.oneof(anyText, fc.constantFrom('true', '2025-01', '2025-01-01', 'platform'))), {
      maxLength: 3,
    })
    .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`));
  const authorization = fc.oneof(
    fc.constant(`Bearer ${ADMIN_TOKEN}`),
    fc.constant(`Bearer ${apiKey}`),
    fc.constant(`ApiKey ${apiKey}`),
    printable(40).map((s) => `Bearer ${s}`),
    printable(40),
  );
  const headers = fc.record(
    {
      Authorization: authorization,
      'X-API-Key': fc.oneof(fc.constant(apiKey), printable(40)),
      'Idempotency-Key': fc.oneof(printable(8), printable(300)),
      'Content-Type': fc.oneof(fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'), printable(20)),
      'X-Request-ID': printable(250),
    },
    { requiredKeys: [] },
  );
  const fieldValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), anyText, fc.integer(), fc.double(), fc.constantFrom('prediction', 'platform', 'test', '10.0.0.0/8', apiKey));
  const shapedBody = fc.dictionary(
    fc.constantFrom('name', 'service_id', 'scopes', 'environment', 'expires_in_days', 'rate_limit_per_hour', 'monthly_prediction_limit', 'allowed_ips', 'billing_plan', 'endpoint', 'status_code', 'response_time_ms', 'predictions_count', 'compute_ms', 'api_key', 'required_scope', 'client_ip', '__proto__', 'constructor'),
    fieldValue,
    { maxKeys: 8 },
  );
  const body = fc.oneof(
    fc.constant(undefined),
    shapedBody.map((b) => JSON.stringify(b)),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    anyText,
    fc.constantFrom('{', '{"name":', '\u0000', '[]', 'null', '{"__proto__":{"is_active":false}}'),
  );
  return fc.record({
    method: fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'PATCH', 'HEAD', 'OPTIONS'),
    path,
    query,
    headers,
    body,
    ip: fc.constantFrom('127.0.0.1', '::1', '::ffff:127.0.0.1', '203.0.113.9', 'garbage'),
  });
}


describe('random requests', () => {
  it('never get a 5xx, always get JSON with a detail (or a validation answer), and leave the store alone when rejected', async () => {
    const { t, apiKey, keyId } = await setup();
    await fc.assert(
      fc.asyncProperty(requestArbitrary(apiKey, keyId), async (r) => {
        const hasBody = r.body !== undefined && !['GET', 'HEAD'].includes(r.method);
        const init: RequestInit & { ip?: string } = { method: r.method, headers: r.headers, ...(hasBody ? { body: r.body } : {}), ip: r.ip };
        const before = JSON.stringify(t.store.snapshot());
        const url = `${r.path}${r.query}`;
        const res = await t.request(url, init);

        expect(res.status).toBeLessThan(500);
        expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
        expect(res.headers.get('X-Request-ID')).toBeTruthy();
        const text = await res.text();
        if (r.method !== 'HEAD' && res.status !== 204) {
          const body = JSON.parse(text);
          if (res.status >= 400) {
            const isValidationAnswer = body.is_valid === false && typeof body.error === 'string';
            expect(isValidationAnswer || typeof body.detail === 'string').toBe(true);
          }
        }
        if (res.status >= 400) expect(JSON.stringify(t.store.snapshot())).toBe(before);
        expect((await t.request('/health')).status).toBe(200);
      }),
      { numRuns: 400 },
    );
  });

  it('never get a 5xx for random create and usage bodies sent with the right credentials', async () => {
    const { t, apiKey, keyId } = await setup();
    const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.integer({ min: -5, max: 200_000 }), fc.string({ maxLength: 120 }));
    const body = fc.dictionary(
      fc.constantFrom('name', 'service_id', 'scopes', 'environment', 'expires_in_days', 'rate_limit_per_hour', 'monthly_prediction_limit', 'allowed_ips', 'billing_plan', 'endpoint', 'status_code', 'response_time_ms', 'predictions_count', 'compute_ms'),
      value,
      { maxKeys: 9 },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('create', 'usage', 'validate'), body, async (target, json) => {
        const before = JSON.stringify(t.store.snapshot());
        const res =
          target === 'create'
            ? await t.admin('/api/v1/keys', { method: 'POST', json })
            : target === 'usage'
              ? await t.request(`/api/v1/usage/${keyId}`, { method: 'POST', json })
              : await t.request('/api/v1/keys/validate', { method: 'POST', json, headers: { 'X-API-Key': apiKey } });
        expect(res.status).toBeLessThan(500);
        const answer = await res.json();
        if (res.status === 400) {
          expect(answer.detail).toEqual(expect.any(String));
          expect(JSON.stringify(t.store.snapshot())).toBe(before);
        }
      }),
      { numRuns: 400 },
    );
  });
});
