// Idempotency keys belong to their caller: the admin's and anonymous usage posts (per key id)
// never meet, so nobody can probe or squat another caller's keys.
import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../support';

const record = { service_id: 'prediction', endpoint: '/v1/predict', status_code: 200, response_time_ms: 5 };

describe('Idempotency-Key namespaces', () => {
  it('an outsider cannot tell whether the admin used a key, nor squat one for the admin', async () => {
    const t = makeTestApp();
    const { key_info } = await t.createKey();
    const created = await t.admin('/api/v1/keys', { method: 'POST', json: { name: 'job', service_id: 'prediction' }, headers: { 'Idempotency-Key': 'job-123' } });
    expect(created.status).toBe(201);
    // Probe: the same key on the public usage route is simply a new request.
    const probe = await t.request(`/api/v1/usage/${key_info.key_id}`, { method: 'POST', json: record, headers: { 'Idempotency-Key': 'job-123' } });
    expect(probe.status).toBe(200);
    expect(probe.headers.get('Idempotent-Replayed')).toBeNull();

    // Squat: an anonymous caller takes a key first; the admin's first use of it still goes through.
    await t.request(`/api/v1/usage/${key_info.key_id}`, { method: 'POST', json: record, headers: { 'Idempotency-Key': 'job-456' } });
    const admin = await t.admin('/api/v1/keys', { method: 'POST', json: { name: 'later', service_id: 'prediction' }, headers: { 'Idempotency-Key': 'job-456' } });
    expect(admin.status).toBe(201);
    expect(admin.headers.get('Idempotent-Replayed')).toBeNull();
  });

  it('anonymous usage posts are scoped per key id, and still replay within one key', async () => {
    const t = makeTestApp();
    const a = (await t.createKey()).key_info.key_id;
    const b = (await t.createKey()).key_info.key_id;
    const post = (keyId: string) => t.request(`/api/v1/usage/${keyId}`, { method: 'POST', json: record, headers: { 'Idempotency-Key': 'retry-1' } });
    expect((await post(a)).status).toBe(200);
    const other = await post(b);
    expect(other.status).toBe(200);
    expect(other.headers.get('Idempotent-Replayed')).toBeNull();
    const again = await post(a);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(t.store.snapshot().usage).toHaveLength(2);
  });
});
