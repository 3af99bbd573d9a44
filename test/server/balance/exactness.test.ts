// Debits are exact under concurrency: 200 debits at once against credit for 150 accept exactly
// 150, never overdraw, and record exactly what they debit. Run on both stores, and for SQLite
// also with two connections to one file (two server processes sharing a data file).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, MemoryStore, requestSchemas } from '../../../src/server';
import type { Store } from '../../../src/server';
import { SqliteStore } from '../../../src/server/node';
import { makeTestApp } from '../support';

const dir = mkdtempSync(join(tmpdir(), 'hokusai-debit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const stores: [string, () => Store][] = [
  ['MemoryStore', () => new MemoryStore()],
  ['SqliteStore', () => new SqliteStore({ filename: join(dir, `${Math.random().toString(36).slice(2)}.sqlite`) })],
];

describe.each(stores)('200 concurrent debits on %s', (_name, makeStore) => {
  it('accept exactly as many as the settled balance pays for', async () => {
    const t = makeTestApp({ store: makeStore() as MemoryStore });
    const { key_info } = await t.createKey({ service_id: 'platform' });
    t.app.controls.setBalance('admin', { settled: 0.15, pending: 10 });
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        t.request(`/api/v1/usage/${key_info.key_id}/debit`, {
          method: 'POST',
          json: { endpoint: '/predict', service_id: 'platform', idempotency_key: `${key_info.key_id}-${i}`, predictions_count: 1 },
        }),
      ),
    );
    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(150);
    expect(statuses.filter((s) => s === 402)).toHaveLength(50);
    expect(t.app.controls.balance('admin')).toEqual({ owner: 'admin', settled: 0, pending: 10 });
    const stats = await (await t.admin(`/api/v1/usage/${key_info.key_id}/stats`)).json();
    expect(stats).toMatchObject({ total_requests: 150, total_predictions: 150 });
    // Each accepted answer shows a distinct balance: no two debits saw the same credit.
    const balances = await Promise.all(answers.filter((res) => res.status === 200).map(async (res) => (await res.json()).balance as number));
    expect(new Set(balances).size).toBe(150);
    t.store.close();
  });

  it('count replays of the same idempotency_key once', async () => {
    const t = makeTestApp({ store: makeStore() as MemoryStore });
    const { key_info } = await t.createKey({ service_id: 'platform' });
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        t.request(`/api/v1/usage/${key_info.key_id}/debit`, {
          method: 'POST',
          json: { endpoint: '/predict', service_id: 'platform', idempotency_key: `retry-${i % 20}` },
        }),
      ),
    );
    expect(answers.every((res) => res.status === 200)).toBe(true);
    expect(t.app.controls.balance('admin').settled).toBe(0.98);
    expect(t.store.snapshot().usage).toHaveLength(20);
    t.store.close();
  });
});

describe('two SQLite connections to one file', () => {
  it('never overdraw the shared balance between them', async () => {
    const filename = join(dir, 'shared.sqlite');
    const a = createEngine({ store: new SqliteStore({ filename }) });
    const b = createEngine({ store: new SqliteStore({ filename }) });
    const { key_info } = await a.createKey(requestSchemas.createKey.body.parse({ name: 'shared', service_id: 'platform' }));
    a.setBalance('admin', { settled: 0.1 });
    let accepted = 0;
    for (let i = 0; i < 200; i++) {
      const engine = i % 2 === 0 ? a : b;
      const outcome = engine.debit(key_info.key_id, requestSchemas.debitUsage.body.parse({ endpoint: '/p', service_id: 'platform', idempotency_key: `k-${i}` }));
      if (outcome.status === 200) accepted++;
    }
    expect(accepted).toBe(100);
    expect(b.balance('admin').settled).toBe(0);
    a.store.close();
    b.store.close();
  });
});
