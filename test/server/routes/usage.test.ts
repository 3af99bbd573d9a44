// Usage record, stats, billing and aggregate (api.md §4), across month boundaries with a ManualClock.
import { describe, expect, it } from 'vitest';
import { DAY, makeTestApp } from '../support';

type T = ReturnType<typeof makeTestApp>;
const record = (t: T, keyId: string, fields: Record<string, unknown> = {}) =>
  t.request(`/api/v1/usage/${keyId}`, {
    method: 'POST',
    json: { service_id: 'prediction', endpoint: '/v1/predict', status_code: 200, response_time_ms: 100, ...fields },
  });

describe('POST /api/v1/usage/{key_id}', () => {
  it('records usage without an admin token', async () => {
    const t = makeTestApp();
    const { key_info } = await t.createKey();
    const res = await record(t, key_info.key_id, { predictions_count: 3, compute_ms: 120 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ message: 'Usage recorded successfully' });
    expect(t.store.snapshot().usage).toEqual([
      expect.objectContaining({ key_id: key_info.key_id, predictions_count: 3, compute_ms: 120, recorded_at: t.clock.now() }),
    ]);
  });

  it('defaults predictions_count and compute_ms to 0', async () => {
    const t = makeTestApp();
    const { key_info } = await t.createKey();
    await record(t, key_info.key_id);
    expect(t.store.snapshot().usage[0]).toMatchObject({ predictions_count: 0, compute_ms: 0 });
  });

  it('answers 404 for an unknown key and records for a revoked one', async () => {
    const t = makeTestApp();
    const unknown = await record(t, '0f8fad5b-d9cb-469f-a165-70867728950e');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ detail: 'API key not found' });
    const { key_info } = await t.createKey();
    await t.admin(`/api/v1/keys/${key_info.key_id}`, { method: 'DELETE' });
    expect((await record(t, key_info.key_id)).status).toBe(200);
  });
});

describe('GET /api/v1/usage/{key_id}/stats', () => {
  it('sums the current UTC month by default', async () => {
    const t = makeTestApp();
    const { key_info } = await t.createKey();
    const id = key_info.key_id;
    await record(t, id, { response_time_ms: 100, predictions_count: 2, compute_ms: 10 });
    await record(t, id, { response_time_ms: 200, predictions_count: 3, compute_ms: 20, status_code: 500 });
    await record(t, id, { response_time_ms: 300, status_code: 404, endpoint: '/v1/models' });
    await record(t, id, { response_time_ms: 401, status_code: 399 });
    const res = await t.admin(`/api/v1/usage/${id}/stats`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      key_id: id,
      period: '2025-01',
      total_requests: 4,
      total_predictions: 5,
      total_compute_ms: 30,
      average_response_time_ms: 250.25,
      error_rate: 0.5,
      top_endpoints: [
        { endpoint: '/v1/predict', count: 3 },
        { endpoint: '/v1/models', count: 1 },
      ],
    });
  });

  it('lists at most 10 endpoints, most called first', async () => {
    const t = makeTestApp();
    const { key_info } = await t.createKey();
    for (let i = 0; i < 12; i++) {
      for (let n = 0; n <= i; n++) await record(t, key_info.key_id, { endpoint: `/e${i}` });
    }
    const { top_endpoints } = await (await t.admin(`/api/v1/usage/${key_info.key_id}/stats`)).json();
    expect(top_endpoints).toHaveLength(10);
    expect(top_endpoints[0]).toEqual({ endpoint: '/e11', count: 12 });
    expect(top_endpoints[9]).toEqual({ endpoint: '/e2', count: 3 });
  });

  it('keeps months apart across the boundary and reads a past period', async () => {
    const t = makeTestApp({ start: '2025-01-31T23:59:59Z' });
    const { key_info } = await t.createKey();
    const id = key_info.key_id;
    await record(t, id, { predictions_count: 1 });
    t.clock.advance(1000); // 2025-02-01T00:00:00Z
    await record(t, id, { predictions_count: 10 });
    await record(t, id, { predictions_count: 10 });
    const february = await (await t.admin(`/api/v1/usage/${id}/stats`)).json();
    expect(february).toMatchObject({ period: '2025-02', total_requests: 2, total_predictions: 20 });
    const january = await (await t.admin(`/api/v1/usage/${id}/stats?period=2025-01`)).json();
    expect(january).toMatchObject({ period: '2025-01', total_requests: 1, total_predictions: 1 });
    const empty = await (await t.admin(`/api/v1/usage/${id}/stats?period=2024-12`)).json();
    expect(empty).toEqual({
      key_id: id,
      period: '2024-12',
      total_requests: 0,
      total_predictions: 0,
      total_compute_ms: 0,
      average_response_time_ms: 0,
      error_rate: 0,
      top_endpoints: [],
    });
  });

  it('answers 400 naming period for a malformed period, 404 for an unknown key', async () => {
    const t = makeTestApp();
    const { key_info } = await t.createKey();
    for (const period of ['2025-13', '2025-1', '25-01', 'january', '2025-01-01']) {
      const res = await t.admin(`/api/v1/usage/${key_info.key_id}/stats?period=${period}`);
      expect(res.status).toBe(400);
      expect((await res.json()).errors).toEqual([{ field: 'period', message: expect.any(String) }]);
    }
    expect((await t.admin('/api/v1/usage/0f8fad5b-d9cb-469f-a165-70867728950e/stats')).status).toBe(404);
  });
});

describe('GET /api/v1/usage/{key_id}/billing', () => {
  it('charges $0.001 per prediction over the monthly limit', async () => {
    const t = makeTestApp();
    const { key_info } = await t.createKey({ monthly_prediction_limit: 1000, billing_plan: 'pro' });
    await record(t, key_info.key_id, { predictions_count: 1000, compute_ms: 50 });
    await record(t, key_info.key_id, { predictions_count: 250, compute_ms: 50 });
    const res = await t.admin(`/api/v1/usage/${key_info.key_id}/billing`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      key_id: key_info.key_id,
      billing_plan: 'pro',
      current_usage: { requests: 2, predictions: 1250, compute_ms: 100 },
      monthly_limit: 1000,
      overage_charges: 0.25,
      next_billing_date: '2025-02-01T00:00:00Z',
    });
  });

  it('charges nothing without a limit or under it, and exact thousandths over it', async () => {
    const t = makeTestApp();
    const unlimited = await t.createKey();
    await record(t, unlimited.key_info.key_id, { predictions_count: 10_000 });
    expect((await (await t.admin(`/api/v1/usage/${unlimited.key_info.key_id}/billing`)).json()).overage_charges).toBe(0);
    const limited = await t.createKey({ monthly_prediction_limit: 10 });
    await record(t, limited.key_info.key_id, { predictions_count: 13 });
    expect((await (await t.admin(`/api/v1/usage/${limited.key_info.key_id}/billing`)).json()).overage_charges).toBe(0.003);
  });

  it('starts over on the 1st of the month, 00:00 UTC', async () => {
    const t = makeTestApp({ start: '2024-12-31T23:00:00Z' });
    const { key_info } = await t.createKey({ monthly_prediction_limit: 1 });
    await record(t, key_info.key_id, { predictions_count: 5 });
    const december = await (await t.admin(`/api/v1/usage/${key_info.key_id}/billing`)).json();
    expect(december).toMatchObject({ overage_charges: 0.004, next_billing_date: '2025-01-01T00:00:00Z' });
    t.clock.set('2025-01-01T00:00:00Z');
    const january = await (await t.admin(`/api/v1/usage/${key_info.key_id}/billing`)).json();
    expect(january).toMatchObject({ current_usage: { requests: 0, predictions: 0, compute_ms: 0 }, overage_charges: 0, next_billing_date: '2025-02-01T00:00:00Z' });
  });
});

describe('GET /api/v1/usage/aggregate', () => {
  it('sums the last 30 days by UTC day and service by default', async () => {
    const t = makeTestApp();
    const a = (await t.createKey()).key_info.key_id;
    const b = (await t.createKey()).key_info.key_id;
    t.clock.set('2024-12-01T12:00:00Z'); // more than 30 days before the end: left out
    await record(t, a);
    t.clock.set('2025-01-10T08:00:00Z');
    await record(t, a, { predictions_count: 2, compute_ms: 10, response_time_ms: 100 });
    await record(t, b, { predictions_count: 3, compute_ms: 20, response_time_ms: 201 });
    await record(t, b, { service_id: 'platform', response_time_ms: 20 });
    t.clock.set('2025-01-11T23:59:59Z');
    await record(t, a, { predictions_count: 1 });
    t.clock.set('2025-01-15T10:30:00Z');
    const res = await t.admin('/api/v1/usage/aggregate');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      start_date: '2024-12-16T10:30:00Z',
      end_date: '2025-01-15T10:30:00Z',
      usage_by_date: {
        '2025-01-10': {
          prediction: { requests: 2, predictions: 5, compute_ms: 30, avg_response_time_ms: 150.5 },
          platform: { requests: 1, predictions: 0, compute_ms: 0, avg_response_time_ms: 20 },
        },
        '2025-01-11': { prediction: { requests: 1, predictions: 1, compute_ms: 0, avg_response_time_ms: 100 } },
      },
    });
  });

  it('takes start_date, end_date (date-times, both included) and service_id', async () => {
    const t = makeTestApp();
    const id = (await t.createKey()).key_info.key_id;
    for (const when of ['2025-01-01T00:00:00Z', '2025-01-05T23:59:59Z', '2025-01-06T00:00:00Z']) {
      t.clock.set(when);
      await record(t, id);
      await record(t, id, { service_id: 'platform' });
    }
    const days = async (query: string) => Object.keys((await (await t.admin(`/api/v1/usage/aggregate?${query}`)).json()).usage_by_date);
    expect(await days('start_date=2025-01-01T00:00:00Z&end_date=2025-01-05T23:59:59Z')).toEqual(['2025-01-01', '2025-01-05']);
    expect(await days('start_date=2025-01-02T00:00:00Z&end_date=2025-01-06T00:00:00Z')).toEqual(['2025-01-05', '2025-01-06']);
    const platformOnly = await (await t.admin('/api/v1/usage/aggregate?service_id=platform&start_date=2025-01-01T00:00:00Z&end_date=2025-01-31T00:00:00Z')).json();
    expect(Object.values(platformOnly.usage_by_date).every((services) => Object.keys(services as object).join() === 'platform')).toBe(true);
    const bounds = await (await t.admin('/api/v1/usage/aggregate?start_date=2025-01-01T00:00:00Z&end_date=2025-01-05T23:59:59Z')).json();
    expect(bounds).toMatchObject({ start_date: '2025-01-01T00:00:00Z', end_date: '2025-01-05T23:59:59Z' });
  });

  it('answers 400 naming the field for a date that is not a date-time, or a start after the end', async () => {
    const t = makeTestApp();
    for (const [query, field] of [
      ['start_date=yesterday', 'start_date'],
      // The spec says date-time: a date alone is refused, not read as a day.
      ['start_date=2025-01-01', 'start_date'],
      ['end_date=2025-02-30T00:00:00Z', 'end_date'],
      ['start_date=2025-02-01T00:00:00Z&end_date=2025-01-01T00:00:00Z', 'start_date'],
    ]) {
      const res = await t.admin(`/api/v1/usage/aggregate?${query}`);
      expect(res.status).toBe(400);
      expect((await res.json()).errors).toEqual([{ field, message: expect.any(String) }]);
    }
  });

  it('defaults the start to 30 days before a given end', async () => {
    const t = makeTestApp();
    const res = await (await t.admin('/api/v1/usage/aggregate?end_date=2024-06-30T00:00:00Z')).json();
    expect(res.start_date).toBe(new Date(Date.parse('2024-06-30T00:00:00Z') - 30 * DAY).toISOString().replace('.000', ''));
  });
});
