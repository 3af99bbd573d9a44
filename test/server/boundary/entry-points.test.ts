// One boundary: every route and every test control parses with the spec's generated schemas,
// so the same bad input gets the same 400, in the same words, wherever it comes in.
import { describe, expect, it } from 'vitest';
import { createApp, EngineError } from '../../../src/server';
import { routeTable } from '../../../src/server/routes/table';
import { ADMIN_TOKEN, makeTestApp } from '../support';

const BAD_KEY_ID = 'not-a-uuid';
const KEY_ID_ERROR = { detail: 'Invalid request parameters', errors: [{ field: 'key_id', message: 'Must be a UUID' }] };

/** Create fields that break one rule each, with the field a 400 must name. */
const BAD_CREATE_FIELDS: [string, Record<string, unknown>, string][] = [
  ['a CIDR prefix with a leading zero', { allowed_ips: ['10.0.0.0/08'] }, 'allowed_ips.0'],
  ['a 101-character name', { name: 'n'.repeat(101) }, 'name'],
  ['an unknown environment', { environment: 'staging' }, 'environment'],
  ['a rate limit under 10', { rate_limit_per_hour: 9 }, 'rate_limit_per_hour'],
  ['an unknown field', { colour: 'blue' }, 'colour'],
];

describe('the request boundary', () => {
  it.each(BAD_CREATE_FIELDS)('refuses %s alike through POST /api/v1/keys, controls.seedKey and POST /__hokusai/keys', async (_label, fields, field) => {
    const app = createApp({ adminToken: ADMIN_TOKEN, testControls: true });
    const body = { name: 'ok', service_id: 'prediction', ...fields };
    const post = (path: string) =>
      app.request(path, { method: 'POST', headers: { Authorization: `Bearer ${ADMIN_TOKEN}` }, body: JSON.stringify(body) });

    const overApi = await post('/api/v1/keys');
    const overControls = await post('/__hokusai/keys');
    const inProcess = await app.controls.seedKey(body as never).catch((error: unknown) => error);

    expect(overApi.status).toBe(400);
    const expected = await overApi.json();
    expect(expected.errors).toEqual([{ field, message: expect.any(String) }]);
    expect(overControls.status).toBe(400);
    expect(await overControls.json()).toEqual(expected);
    expect(inProcess).toBeInstanceOf(EngineError);
    expect({ detail: (inProcess as EngineError).detail, errors: (inProcess as EngineError).fieldErrors }).toEqual(expected);
    expect(app.engine.listKeys()).toEqual([]);
  });

  it('names a key_id that is not a UUID in the same words on every route that takes one', async () => {
    const t = makeTestApp();
    const withKeyId = routeTable().filter((route) => route.path.includes(':key_id'));
    expect(withKeyId.length).toBeGreaterThanOrEqual(6);
    for (const route of withKeyId) {
      const body = route.method === 'POST' ? { json: {} } : {};
      const res = await t.admin(route.path.replace(':key_id', BAD_KEY_ID), { method: route.method, ...body });
      expect(res.status, `${route.method} ${route.path}`).toBe(400);
      const answer = await res.json();
      // A route with a body also names the body's missing fields; the key_id entry is the same everywhere.
      expect(answer.errors, `${route.method} ${route.path}`).toContainEqual(KEY_ID_ERROR.errors[0]);
    }
  });

  it('parses query strings with the spec’s types: a boolean, a month, a date-time', async () => {
    const t = makeTestApp();
    const errorsOf = async (path: string) => (await (await t.admin(path)).json()).errors;
    expect(await errorsOf('/api/v1/keys?active_only=maybe')).toEqual([{ field: 'active_only', message: 'Must be true or false' }]);
    expect(await errorsOf('/api/v1/usage/0f8fad5b-d9cb-469f-a165-70867728950e/stats?period=2025-1')).toEqual([
      { field: 'period', message: 'Must be a month in the form YYYY-MM' },
    ]);
    expect(await errorsOf('/api/v1/usage/aggregate?start_date=2025-01-01')).toEqual([
      { field: 'start_date', message: 'Must be an ISO 8601 date-time in UTC (e.g. 2025-01-15T10:30:00Z)' },
    ]);
    expect((await t.admin('/api/v1/keys?active_only=true')).status).toBe(200);
  });

  it('checks the Idempotency-Key header with the spec’s header schema', async () => {
    const t = makeTestApp();
    const res = await t.admin('/api/v1/keys', { method: 'POST', headers: { 'Idempotency-Key': 'k'.repeat(256) }, json: { name: 'x', service_id: 'prediction' } });
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([{ field: 'Idempotency-Key', message: 'Must be at most 255 characters long' }]);
  });
});
