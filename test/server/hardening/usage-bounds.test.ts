// Usage records are bounded, totals exact, statistics and billing read rollups (O(endpoints)).
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { MemoryStore } from '../../../src/server';
import { SqliteStore } from '../../../src/server/node';
import type { Store } from '../../../src/server';
import { USAGE_ENDPOINTS_PER_MONTH, USAGE_OTHER_ENDPOINT } from '../../../src/server/store/types';
import { newKey, usage } from '../store/store-contract';
import { makeTestApp } from '../support';
import { tempDir } from './support';

const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
const temp = tempDir('usage');
const record = { service_id: 'prediction', endpoint: '/v1/predict', status_code: 200, response_time_ms: 5 };

describe('usage record bounds', () => {
  it('refuses numbers over the documented maxima and endpoints over 200 characters, naming the field', async () => {
    const t = makeTestApp();
    const { key_info } = await t.createKey();
    const post = (body: Record<string, unknown>) => t.request(`/api/v1/usage/${key_info.key_id}`, { method: 'POST', json: { ...record, ...body } });
    for (const [field, value] of [
      ['predictions_count', 1_000_001],
      ['compute_ms', 86_400_001],
      ['response_time_ms', 86_400_001],
      ['endpoint', `/${'x'.repeat(200)}`],
    ] as const) {
      const res = await post({ [field]: value });
      expect(res.status).toBe(400);
      expect((await res.json()).errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
    expect((await post({ predictions_count: 1_000_000, compute_ms: 86_400_000, endpoint: `/${'x'.repeat(199)}` })).status).toBe(200);
  });

  it('refuses a record that would take a monthly total past 2^53 - 1, so billing stays exact', async () => {
    const t = makeTestApp();
    const { key_info } = await t.createKey();
    // A total near the limit, as years of records would make it.
    t.store.insertUsage({ ...usage(key_info.key_id, t.clock.now()), predictions_count: Number.MAX_SAFE_INTEGER - 5 });
    const res = await t.request(`/api/v1/usage/${key_info.key_id}`, { method: 'POST', json: { ...record, predictions_count: 10 } });
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([{ field: 'predictions_count', message: expect.stringContaining('9007199254740991') }]);
    const billing = await (await t.admin(`/api/v1/usage/${key_info.key_id}/billing`)).json();
    expect(billing.current_usage.predictions).toBe(Number.MAX_SAFE_INTEGER - 5);
  });

  it('stores records only for existing keys', async () => {
    const t = makeTestApp();
    const res = await t.request('/api/v1/usage/00000000-0000-4000-8000-00000000abcd', { method: 'POST', json: record });
    expect(res.status).toBe(404);
    expect(t.store.snapshot().usage).toEqual([]);
  });
});

describe('statistics and billing from rollups', () => {
  it('never read the records: their cost does not grow with the number of records', async () => {
    const t = makeTestApp();
    const { key_info } = await t.createKey({ monthly_prediction_limit: 5 });
    for (let i = 0; i < 30; i++) {
      await t.request(`/api/v1/usage/${key_info.key_id}`, {
        method: 'POST',
        json: { ...record, endpoint: `/e${i % 3}`, status_code: i % 10 === 0 ? 500 : 200, predictions_count: 1, compute_ms: 2, response_time_ms: i },
      });
    }
    const readsRecords = vi.spyOn(t.store, 'usageForKey');
    const stats = await (await t.admin(`/api/v1/usage/${key_info.key_id}/stats`)).json();
    const billing = await (await t.admin(`/api/v1/usage/${key_info.key_id}/billing`)).json();
    expect(readsRecords).not.toHaveBeenCalled();
    expect(stats).toMatchObject({
      total_requests: 30,
      total_predictions: 30,
      total_compute_ms: 60,
      average_response_time_ms: 14.5,
      error_rate: 0.1,
      top_endpoints: [
        { endpoint: '/e0', count: 10 },
        { endpoint: '/e1', count: 10 },
        { endpoint: '/e2', count: 10 },
      ],
    });
    expect(billing).toMatchObject({ current_usage: { requests: 30, predictions: 30, compute_ms: 60 }, overage_charges: 0.025 });
  });

  const stores: [string, () => Store][] = [
    ['MemoryStore', () => new MemoryStore()],
    ['SqliteStore', () => new SqliteStore({ filename: temp.file(`cap-${Math.random()}.sqlite`) })],
  ];
  for (const [name, open] of stores) {
    it(`${name}: past ${USAGE_ENDPOINTS_PER_MONTH} endpoints in a month, new ones count under ${USAGE_OTHER_ENDPOINT}`, () => {
      const store = open();
      const key = store.insertKey(newKey());
      for (let i = 0; i < USAGE_ENDPOINTS_PER_MONTH + 5; i++) store.insertUsage(usage(key.key_id, 1000, `/unique/${i}`));
      store.insertUsage(usage(key.key_id, 1000, '/unique/0'));
      const endpoints = store.usageByEndpoint(key.key_id, '1970-01');
      expect(endpoints).toHaveLength(USAGE_ENDPOINTS_PER_MONTH + 1);
      expect(endpoints.find((e) => e.endpoint === USAGE_OTHER_ENDPOINT)?.requests).toBe(5);
      expect(endpoints.find((e) => e.endpoint === '/unique/0')?.requests).toBe(2);
      expect(store.usageTotals(key.key_id, '1970-01')?.requests).toBe(USAGE_ENDPOINTS_PER_MONTH + 6);
      store.close();
    });
  }

  it('SqliteStore rolls up the records of a database from before rollups when it opens it', () => {
    const filename = temp.file('upgrade.sqlite');
    const store = new SqliteStore({ filename });
    const key = store.insertKey(newKey());
    store.insertUsage({ ...usage(key.key_id, Date.UTC(2025, 0, 15)), status_code: 503, predictions_count: 4 });
    store.insertUsage(usage(key.key_id, Date.UTC(2025, 0, 16), '/other'));
    store.close();
    // What a version-1 file looks like: records, no rollups.
    const raw = new Database(filename);
    raw.exec("DELETE FROM usage_rollups; UPDATE meta SET value = '1' WHERE key = 'schema_version';");
    raw.close();

    const reopened = new SqliteStore({ filename });
    expect(reopened.usageTotals(key.key_id, '2025-01')).toEqual({ requests: 2, errors: 1, predictions: 5, compute_ms: 10, response_time_ms: 20 });
    expect(reopened.usageByEndpoint(key.key_id, '2025-01').map((e) => e.endpoint).sort()).toEqual(['/other', '/v1/predict']);
    reopened.close();
  });
});
