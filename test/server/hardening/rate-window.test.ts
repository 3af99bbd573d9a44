// The hourly budget of a key survives a rotation and a restart.
import { describe, expect, it } from 'vitest';
import { createApp, ManualClock, requestSchemas } from '../../../src/server';
import { nodeHmacHasher, SqliteStore } from '../../../src/server/node';
import { makeTestApp } from '../support';
import { tempDir } from './support';

const temp = tempDir('window');
const LIMIT = 10;

async function validateTimes(validate: () => Promise<Response>, times: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < times; i++) statuses.push((await validate()).status);
  return statuses;
}

describe('rate-limit windows', () => {
  it('a rotation hands the old key’s hour to the new key instead of a fresh budget', async () => {
    const t = makeTestApp();
    const { api_key, key_info } = await t.createKey({ rate_limit_per_hour: LIMIT });
    expect(await validateTimes(() => t.validate(api_key), LIMIT)).toEqual(Array(LIMIT).fill(200));
    const rotated = await t.admin(`/api/v1/keys/${key_info.key_id}/rotate`, { method: 'POST' });
    const { api_key: newKey } = (await rotated.json()) as { api_key: string };
    const res = await t.validate(newKey);
    expect(res.status).toBe(429);
    expect(res.headers.get('X-RateLimit-Remaining')).toBe('0');
    // An hour later the new key has its whole budget.
    t.clock.advance(3_600_000);
    expect((await t.validate(newKey)).status).toBe(200);
  });

  it('survive a restart: the same file reopened still counts the hour', async () => {
    const filename = temp.file('restart.sqlite');
    const clock = new ManualClock('2025-01-15T10:30:00Z');
    const first = createApp({ store: new SqliteStore({ filename }), hasher: nodeHmacHasher, clock, adminToken: 'x'.repeat(20) });
    const { api_key } = await first.engine.createKey(requestSchemas.createKey.body.parse({ name: 'restart', service_id: 'prediction', rate_limit_per_hour: LIMIT }));
    for (let i = 0; i < LIMIT; i++) expect((await first.engine.validate({ apiKey: api_key })).status).toBe(200);
    first.engine.flush?.();
    first.engine.store.close();

    clock.advance(60_000);
    const second = createApp({ store: new SqliteStore({ filename }), hasher: nodeHmacHasher, clock, adminToken: 'x'.repeat(20) });
    const outcome = await second.engine.validate({ apiKey: api_key });
    expect(outcome.status).toBe(429);
    expect(outcome.rateLimit?.remaining).toBe(0);
    clock.advance(3_600_000);
    expect((await second.engine.validate({ apiKey: api_key })).status).toBe(200);
    second.engine.store.close();
  });

  it('are written shortly after the validations, without waiting for a clean stop', async () => {
    const filename = temp.file('soon.sqlite');
    const app = createApp({ store: new SqliteStore({ filename }), hasher: nodeHmacHasher, adminToken: 'x'.repeat(20) });
    const { api_key, key_info } = await app.engine.createKey(requestSchemas.createKey.body.parse({ name: 'soon', service_id: 'prediction', rate_limit_per_hour: LIMIT }));
    await app.engine.validate({ apiKey: api_key });
    const reader = new SqliteStore({ filename });
    await expect.poll(() => reader.loadRateWindows().get(key_info.key_id)?.length, { timeout: 3000 }).toBe(1);
    reader.close();
    app.engine.store.close();
  });
});
