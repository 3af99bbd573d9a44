// Idempotency-Key on create, rotate and usage record (api.md §7).
import { describe, expect, it } from 'vitest';
import { DAY, makeTestApp } from '../support';

type T = ReturnType<typeof makeTestApp>;
const create = (t: T, key: string, json: unknown = { name: 'idem', service_id: 'prediction' }) =>
  t.admin('/api/v1/keys', { method: 'POST', json, headers: { 'Idempotency-Key': key } });

describe('Idempotency-Key', () => {
  it('replays the first create answer for a repeat, creating one key only', async () => {
    const t = makeTestApp();
    const first = await create(t, 'create-1');
    const second = await create(t, 'create-1');
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(await second.json()).toEqual(await first.json());
    expect(second.headers.get('Idempotent-Replayed')).toBe('true');
    expect(second.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(await (await t.admin('/api/v1/keys')).json()).toHaveLength(1);
  });

  it('treats the same JSON written differently as the same body', async () => {
    const t = makeTestApp();
    await t.admin('/api/v1/keys', { method: 'POST', body: '{"name":"a","service_id":"prediction"}', headers: { 'Idempotency-Key': 'k', 'Content-Type': 'application/json' } });
    const again = await t.admin('/api/v1/keys', {
      method: 'POST',
      body: '{ "service_id": "prediction",\n  "name": "a" }',
      headers: { 'Idempotency-Key': 'k', 'Content-Type': 'application/json' },
    });
    expect(again.status).toBe(201);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
  });

  it("answers 409 for the same key with a different body or another of the same caller's endpoints", async () => {
    const t = makeTestApp();
    await create(t, 'shared');
    const conflict = await create(t, 'shared', { name: 'other', service_id: 'prediction' });
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toEqual({ detail: 'Idempotency-Key was already used with a different request body' });
    const { key_info } = await t.createKey();
    const elsewhere = await t.admin(`/api/v1/keys/${key_info.key_id}/rotate`, { method: 'POST', headers: { 'Idempotency-Key': 'shared' } });
    expect(elsewhere.status).toBe(409);
  });

  it('replays rotations: a retried rotate returns the same new key', async () => {
    const t = makeTestApp();
    const { key_info } = await t.createKey();
    const rotate = () => t.admin(`/api/v1/keys/${key_info.key_id}/rotate`, { method: 'POST', headers: { 'Idempotency-Key': 'rot-1' } });
    const first = await rotate();
    const second = await rotate();
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(await second.json()).toEqual(await first.json());
  });

  it('records a usage record once however often it is retried', async () => {
    const t = makeTestApp();
    const { key_info } = await t.createKey();
    const body = { service_id: 'prediction', endpoint: '/v1/predict', status_code: 200, response_time_ms: 5, predictions_count: 2 };
    for (let i = 0; i < 3; i++) {
      const res = await t.request(`/api/v1/usage/${key_info.key_id}`, { method: 'POST', json: body, headers: { 'Idempotency-Key': 'use-1' } });
      expect(res.status).toBe(200);
    }
    expect(t.store.snapshot().usage).toHaveLength(1);
  });

  it('handles a repeat that arrives while the first is still running', async () => {
    const t = makeTestApp();
    const answers = await Promise.all(Array.from({ length: 5 }, () => create(t, 'parallel')));
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const ids = await Promise.all(answers.map(async (r) => (await r.json()).key_info.key_id));
    expect(new Set(ids).size).toBe(1);
    expect(await (await t.admin('/api/v1/keys')).json()).toHaveLength(1);
  });

  it('forgets keys after 24 hours', async () => {
    const t = makeTestApp();
    await create(t, 'daily');
    t.clock.advance(DAY - 1);
    expect((await create(t, 'daily')).headers.get('Idempotent-Replayed')).toBe('true');
    t.clock.advance(1);
    const later = await create(t, 'daily');
    expect(later.status).toBe(201);
    expect(later.headers.get('Idempotent-Replayed')).toBeNull();
    expect(await (await t.admin('/api/v1/keys')).json()).toHaveLength(2);
  });

  it('does not keep failed attempts, so a corrected retry with the same key goes through', async () => {
    const t = makeTestApp();
    const bad = await create(t, 'fix-me', { name: '', service_id: 'prediction' });
    expect(bad.status).toBe(400);
    const fixed = await create(t, 'fix-me', { name: 'fixed', service_id: 'prediction' });
    expect(fixed.status).toBe(201);
  });

  it('rejects an empty or over-long key with 400 naming the header', async () => {
    const t = makeTestApp();
    for (const key of ['', 'k'.repeat(256)]) {
      const res = await create(t, key);
      expect(res.status).toBe(400);
      expect((await res.json()).errors).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
    }
    expect((await create(t, 'k'.repeat(255))).status).toBe(201);
  });

  it('applies only where it is documented: validation ignores it', async () => {
    const t = makeTestApp();
    const { api_key } = await t.createKey({ rate_limit_per_hour: 10 });
    for (let i = 0; i < 3; i++) {
      const res = await t.request('/api/v1/keys/validate', { method: 'POST', headers: { 'X-API-Key': api_key, 'Idempotency-Key': 'v' } });
      expect(res.headers.get('X-RateLimit-Remaining')).toBe(String(9 - i));
    }
  });
});
