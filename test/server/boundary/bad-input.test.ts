// Bad input gets a clear 400 that names each bad field (api.md §2, §4; common rules).
import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../support';

const VALID_CREATE = { name: 'ok', service_id: 'prediction' };
const VALID_USAGE = { service_id: 'prediction', endpoint: '/v1/predict', status_code: 200, response_time_ms: 5 };

async function fieldsOf(res: Response): Promise<string[]> {
  expect(res.status).toBe(400);
  const body = await res.json();
  expect(body.detail).toEqual(expect.any(String));
  return body.errors.map((e: { field: string; message: string }) => {
    expect(e.message.length).toBeGreaterThan(0);
    return e.field;
  });
}

describe('create body', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['missing name and service', {}, ['name', 'service_id']],
    ['empty name', { ...VALID_CREATE, name: '' }, ['name']],
    ['101-character name', { ...VALID_CREATE, name: 'n'.repeat(101) }, ['name']],
    ['name of the wrong type', { ...VALID_CREATE, name: 42 }, ['name']],
    ['null name', { ...VALID_CREATE, name: null }, ['name']],
    ['unknown service', { ...VALID_CREATE, service_id: 'website' }, ['service_id']],
    ['unknown environment', { ...VALID_CREATE, environment: 'staging' }, ['environment']],
    ['scopes not an array', { ...VALID_CREATE, scopes: 'predict' }, ['scopes']],
    ['scope not a string', { ...VALID_CREATE, scopes: ['ok', 7] }, ['scopes.1']],
    ['expiry of 0 days', { ...VALID_CREATE, expires_in_days: 0 }, ['expires_in_days']],
    ['expiry of 366 days', { ...VALID_CREATE, expires_in_days: 366 }, ['expires_in_days']],
    ['fractional expiry', { ...VALID_CREATE, expires_in_days: 1.5 }, ['expires_in_days']],
    ['expiry as a string', { ...VALID_CREATE, expires_in_days: '30' }, ['expires_in_days']],
    ['rate limit under 10', { ...VALID_CREATE, rate_limit_per_hour: 9 }, ['rate_limit_per_hour']],
    ['rate limit over 100000', { ...VALID_CREATE, rate_limit_per_hour: 100001 }, ['rate_limit_per_hour']],
    ['monthly limit of 0', { ...VALID_CREATE, monthly_prediction_limit: 0 }, ['monthly_prediction_limit']],
    ['huge number', { ...VALID_CREATE, monthly_prediction_limit: 1e300 }, ['monthly_prediction_limit']],
    ['bad IP', { ...VALID_CREATE, allowed_ips: ['10.0.0.1', '999.0.0.1'] }, ['allowed_ips.1']],
    ['bad CIDR prefix', { ...VALID_CREATE, allowed_ips: ['10.0.0.0/33'] }, ['allowed_ips.0']],
    ['bad IPv6 CIDR', { ...VALID_CREATE, allowed_ips: ['2001:db8::/129'] }, ['allowed_ips.0']],
    ['host name instead of IP', { ...VALID_CREATE, allowed_ips: ['example.com'] }, ['allowed_ips.0']],
    ['allowed_ips not an array', { ...VALID_CREATE, allowed_ips: '10.0.0.1' }, ['allowed_ips']],
    ['empty billing plan', { ...VALID_CREATE, billing_plan: '' }, ['billing_plan']],
    ['unknown field', { ...VALID_CREATE, colour: 'blue' }, ['colour']],
    ['several problems at once', { name: '', service_id: 'x', rate_limit_per_hour: 5, extra: 1 }, ['name', 'service_id', 'rate_limit_per_hour', 'extra']],
  ];

  it.each(cases)('%s → 400 naming %j', async (_label, body, fields) => {
    const t = makeTestApp();
    const res = await t.admin('/api/v1/keys', { method: 'POST', json: body });
    expect((await fieldsOf(res)).sort()).toEqual([...fields].sort());
    expect(t.store.snapshot().keys).toEqual([]);
  });

  it('reads a field message a person can act on', async () => {
    const t = makeTestApp();
    const res = await t.admin('/api/v1/keys', { method: 'POST', json: { service_id: 'prediction', allowed_ips: ['10.0.0.0/99'] } });
    expect(await res.json()).toEqual({
      detail: 'Invalid request body',
      errors: [
        { field: 'name', message: 'Field required' },
        { field: 'allowed_ips.0', message: expect.stringContaining('CIDR') },
      ],
    });
  });
});

describe('usage body', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['empty object', {}, ['service_id', 'endpoint', 'status_code', 'response_time_ms']],
    ['status code 99', { ...VALID_USAGE, status_code: 99 }, ['status_code']],
    ['status code 600', { ...VALID_USAGE, status_code: 600 }, ['status_code']],
    ['negative response time', { ...VALID_USAGE, response_time_ms: -1 }, ['response_time_ms']],
    ['fractional predictions', { ...VALID_USAGE, predictions_count: 0.5 }, ['predictions_count']],
    ['negative compute', { ...VALID_USAGE, compute_ms: -5 }, ['compute_ms']],
    ['string status', { ...VALID_USAGE, status_code: '200' }, ['status_code']],
    ['empty endpoint', { ...VALID_USAGE, endpoint: '' }, ['endpoint']],
    ['unknown field', { ...VALID_USAGE, cost: 3 }, ['cost']],
  ];

  it.each(cases)('%s → 400 naming %j', async (_label, body, fields) => {
    const t = makeTestApp();
    const { key_info } = await t.createKey();
    const res = await t.request(`/api/v1/usage/${key_info.key_id}`, { method: 'POST', json: body });
    expect((await fieldsOf(res)).sort()).toEqual([...fields].sort());
    expect(t.store.snapshot().usage).toEqual([]);
  });
});

describe('validate body', () => {
  it.each([
    [{ service_id: 5 }, 'service_id'],
    [{ required_scope: ['a'] }, 'required_scope'],
    [{ client_ip: 7 }, 'client_ip'],
    [{ api_key: 123 }, 'api_key'],
  ])('%j → 400 naming %s', async (body, field) => {
    const t = makeTestApp();
    const { api_key } = await t.createKey();
    expect(await fieldsOf(await t.validate(api_key, body))).toEqual([field]);
  });
});

describe('path and query parameters', () => {
  it.each([
    ['GET', '/api/v1/keys/123'],
    ['DELETE', '/api/v1/keys/550e8400-e29b-41d4-a716-44665544000'],
    ['POST', '/api/v1/keys/550e8400e29b41d4a716446655440000/rotate'],
    ['GET', '/api/v1/usage/zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz/stats'],
    ['GET', '/api/v1/usage/%00/billing'],
    ['POST', '/api/v1/usage/not-a-key'],
  ])('%s %s → 400 naming key_id', async (method, path) => {
    const t = makeTestApp();
    const init = method === 'POST' && path.startsWith('/api/v1/usage') ? { method, json: VALID_USAGE } : { method };
    expect(await fieldsOf(await t.admin(path, init))).toEqual(['key_id']);
  });

  it.each([
    ['/api/v1/keys?active_only=maybe', 'active_only'],
    ['/api/v1/usage/aggregate?start_date=2025-13-01', 'start_date'],
    ['/api/v1/usage/aggregate?end_date=%E0%A4%A', 'end_date'],
  ])('%s → 400 naming %s', async (path, field) => {
    const t = makeTestApp();
    expect(await fieldsOf(await t.admin(path))).toEqual([field]);
  });
});
