/**
 * `npm run bench:usage`: what a flood of `POST /api/v1/usage/{key_id}` (public by design) costs
 * the local server, in-process through `app.fetch`, for the memory and the SQLite store:
 * - memory per stored record: heap growth after a forced GC, divided by the records, with the
 *   growth of the same number of refused posts (400, nothing stored) as the baseline;
 * - stats and billing latency at N records as a ratio of the same at 10 records (rollups make
 *   them O(endpoints): the ratio stays near 1 whatever N is);
 * - predictions totals stay exact (a record over the documented maximum is refused).
 *
 * Environment: BENCH_RECORDS (default 28216, the flood of the report this answers), BENCH_REPEAT
 * (latency samples, default 50). Needs `--expose-gc` (the npm script passes it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, MemoryStore, requestSchemas } from '../src/server';
import type { Store } from '../src/server';
import { nodeHmacHasher, SqliteStore } from '../src/server/node';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 28_216);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 50);
const ADMIN = 'bench-admin-token-0123456789abcdef';
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('Run with node --expose-gc (npm run bench:usage does)');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
/** Heap in use once garbage is gone: GC, then a few turns for finalizers (request bodies) to run, then GC again. */
async function heapAfterGc(): Promise<number> {
  for (let i = 0; i < 4; i++) {
    gc!();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return process.memoryUsage().heapUsed;
}

async function flood(app: ReturnType<typeof createApp>, keyId: string, count: number, valid: boolean): Promise<void> {
  for (let i = 0; i < count; i++) {
    const body = valid
      ? { service_id: 'prediction', endpoint: `/v1/predict/${i % 20}`, status_code: 200, response_time_ms: 12, predictions_count: 1_000_000 }
      : { service_id: 'prediction', endpoint: '/v1/predict', status_code: 200, response_time_ms: -1 };
    const res = await app.request(`/api/v1/usage/${keyId}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status !== (valid ? 200 : 400)) throw new Error(`record answered ${res.status}`);
    await res.arrayBuffer();
  }
}

async function latency(app: ReturnType<typeof createApp>, path: string): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    const started = performance.now();
    const res = await app.request(path, { headers: { Authorization: `Bearer ${ADMIN}` } });
    await res.arrayBuffer();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

async function measure(label: string, open: () => Store): Promise<string[]> {
  const app = createApp({ store: open(), hasher: nodeHmacHasher, adminToken: ADMIN });
  const { key_info } = await app.engine.createKey(requestSchemas.createKey.body.parse({ name: 'flood', service_id: 'prediction' }));
  const keyId = key_info.key_id;
  await flood(app, keyId, 10, true);
  const statsSmall = await latency(app, `/api/v1/usage/${keyId}/stats`);
  const billingSmall = await latency(app, `/api/v1/usage/${keyId}/billing`);

  const beforeRefused = await heapAfterGc();
  await flood(app, keyId, RECORDS, false);
  const refusedGrowth = (await heapAfterGc()) - beforeRefused;
  const beforeStored = await heapAfterGc();
  await flood(app, keyId, RECORDS, true);
  const storedGrowth = (await heapAfterGc()) - beforeStored;

  const statsLarge = await latency(app, `/api/v1/usage/${keyId}/stats`);
  const billingLarge = await latency(app, `/api/v1/usage/${keyId}/billing`);
  const billing = (await (await app.request(`/api/v1/usage/${keyId}/billing`, { headers: { Authorization: `Bearer ${ADMIN}` } })).json()) as {
    current_usage: { predictions: number };
  };
  const expected = (RECORDS + 10) * 1_000_000;
  app.engine.store.close();
  return [
    `| ${label} | ${((storedGrowth - refusedGrowth) / RECORDS).toFixed(0)} B | ${(refusedGrowth / RECORDS).toFixed(0)} B | ` +
      `${statsSmall.toFixed(2)} → ${statsLarge.toFixed(2)} ms (×${(statsLarge / statsSmall).toFixed(2)}) | ` +
      `${billingSmall.toFixed(2)} → ${billingLarge.toFixed(2)} ms (×${(billingLarge / billingSmall).toFixed(2)}) | ` +
      `${billing.current_usage.predictions === expected ? 'exact' : `WRONG ${billing.current_usage.predictions} ≠ ${expected}`} |`,
  ];
}

const dir = mkdtempSync(join(tmpdir(), 'hokusai-bench-usage-'));
try {
  const lines = [
    `Usage flood: ${RECORDS} records of one key (20 endpoints, 1,000,000 predictions each), in-process; latency = median of ${REPEAT}.`,
    '',
    '| store | heap per stored record (minus baseline) | heap per refused post (baseline) | stats at 10 → N records | billing at 10 → N records | predictions total |',
    '|---|---|---|---|---|---|',
    ...(await measure('memory', () => new MemoryStore())),
    ...(await measure('SQLite', () => new SqliteStore({ filename: join(dir, 'flood.sqlite') }))),
  ];
  console.log(lines.join('\n'));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
