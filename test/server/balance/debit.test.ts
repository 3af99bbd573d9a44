// POST /api/v1/usage/{key_id}/debit (api.md §4.1): what Hokusai services call before serving a
// request. Every answer is contract-checked by makeTestApp.
import { describe, expect, it } from 'vitest';
import { pipelineDebitBody } from '../../support/pipeline-debit';
import { DAY, makeTestApp } from '../support';

type T = ReturnType<typeof makeTestApp>;

const debit = (t: T, keyId: string, body: Record<string, unknown> = pipelineDebitBody(keyId)) =>
  t.request(`/api/v1/usage/${keyId}/debit`, { method: 'POST', json: body });

describe('POST /api/v1/usage/{key_id}/debit', () => {
  it('debits one prediction from the owner\'s settled balance, without an admin token', async () => {
    const t = makeTestApp();
    const { key_info } = await t.createKey({ service_id: 'platform' });
    const res = await debit(t, key_info.key_id);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ debited: 0.001, balance: 0.999, key_id: key_info.key_id, idempotency_key: `${key_info.key_id}-1736937000000` });
    expect(t.app.controls.balance('admin')).toEqual({ owner: 'admin', settled: 0.999, pending: 0 });
  });

  it('records the usage, so stats and billing count it', async () => {
    const t = makeTestApp();
    const { key_info } = await t.createKey({ service_id: 'platform' });
    const id = key_info.key_id;
    await debit(t, id, pipelineDebitBody(id, 1));
    await debit(t, id, { ...pipelineDebitBody(id, 2), predictions_count: 4, model_id: null });
    const stats = await (await t.admin(`/api/v1/usage/${id}/stats`)).json();
    expect(stats).toMatchObject({ total_requests: 2, total_predictions: 5, error_rate: 0, top_endpoints: [{ endpoint: '/api/v1/models/hokusai-text-v1/predict', count: 2 }] });
    const billing = await (await t.admin(`/api/v1/usage/${id}/billing`)).json();
    expect(billing.current_usage).toEqual({ requests: 2, predictions: 5, compute_ms: 0 });
    expect(t.app.controls.balance('admin').settled).toBe(0.995);
  });

  it('answers a replayed idempotency_key with the first answer and debits once', async () => {
    const t = makeTestApp();
    const { key_info } = await t.createKey({ service_id: 'platform' });
    const first = await (await debit(t, key_info.key_id)).json();
    t.clock.advance(DAY);
    const again = await debit(t, key_info.key_id);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(first);
    expect(t.app.controls.balance('admin').settled).toBe(0.999);
    expect(t.store.snapshot().usage).toHaveLength(1);
  });

  it('answers 402 insufficient_balance with the texts services read when nothing covers it', async () => {
    const t = makeTestApp();
    const { key_info } = await t.createKey({ service_id: 'platform' });
    t.app.controls.setBalance('admin', { settled: 0, pending: 0 });
    const res = await debit(t, key_info.key_id);
    expect(res.status).toBe(402);
    expect(await res.json()).toEqual({
      detail: { error: 'insufficient_balance', message: 'Settled balance 0.00 insufficient. Pending: 0.00 (not yet spendable).' },
    });
    expect(t.store.snapshot().usage).toEqual([]);
  });

  it('answers 402 insufficient_settled_balance when only pending credit would cover it, and spends no pending credit', async () => {
    const t = makeTestApp();
    const { key_info } = await t.createKey({ service_id: 'platform' });
    t.app.controls.setBalance('admin', { settled: 0.0005, pending: 5 });
    const res = await debit(t, key_info.key_id);
    expect(res.status).toBe(402);
    expect(await res.json()).toEqual({
      detail: { error: 'insufficient_settled_balance', message: 'Settled balance 0.00 insufficient. Pending: 5.00 (not yet spendable).' },
    });
    expect(t.app.controls.balance('admin')).toEqual({ owner: 'admin', settled: 0.0005, pending: 5 });
  });

  it('does not remember a refusal: the same idempotency_key goes through after a top-up', async () => {
    const t = makeTestApp();
    const { key_info } = await t.createKey({ service_id: 'platform' });
    t.app.controls.setBalance('admin', { settled: 0 });
    expect((await debit(t, key_info.key_id)).status).toBe(402);
    t.app.controls.setBalance('admin', { settled: 2 });
    const res = await debit(t, key_info.key_id);
    expect(res.status).toBe(200);
    expect((await res.json()).balance).toBe(1.999);
  });

  it('refuses a revoked or expired key with 401 and never debits it', async () => {
    const t = makeTestApp();
    const revoked = await t.createKey({ service_id: 'platform' });
    await t.admin(`/api/v1/keys/${revoked.key_info.key_id}`, { method: 'DELETE' });
    const res = await debit(t, revoked.key_info.key_id);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ detail: 'API key is inactive or has been revoked' });

    const expiring = await t.createKey({ service_id: 'platform', expires_in_days: 1 });
    t.clock.advance(DAY);
    const expired = await debit(t, expiring.key_info.key_id);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ detail: 'API key has expired' });
    expect(t.app.controls.balance('admin').settled).toBe(1);
    expect(t.store.snapshot().usage).toEqual([]);
  });

  it('answers 404 for an unknown key and 400 for a key_id that is not a UUID', async () => {
    const t = makeTestApp();
    const unknown = await debit(t, '0f8fad5b-d9cb-469f-a165-70867728950e');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ detail: 'API key not found' });
    const bad = await debit(t, 'not-a-uuid', pipelineDebitBody('x'));
    expect(bad.status).toBe(400);
  });

  it.each([
    [{ idempotency_key: undefined }, ['idempotency_key']],
    [{ status_code: 600 }, ['status_code']],
    [{ predictions_count: -1, compute_ms: 1.5 }, ['compute_ms', 'predictions_count']],
    [{ model_id: 7 }, ['model_id']],
    [{ colour: 'red' }, ['colour']],
  ])('answers 400 naming the bad fields of %j', async (change, fields) => {
    const t = makeTestApp();
    const { key_info } = await t.createKey({ service_id: 'platform' });
    const res = await debit(t, key_info.key_id, { ...pipelineDebitBody(key_info.key_id), ...change });
    expect(res.status).toBe(400);
    const names = ((await res.json()).errors as { field: string }[]).map((e) => e.field).sort();
    expect(names).toEqual(fields);
    expect(t.app.controls.balance('admin').settled).toBe(1);
  });

  it('takes only endpoint, service_id and idempotency_key: one prediction by default', async () => {
    const t = makeTestApp();
    const { key_info } = await t.createKey({ service_id: 'platform' });
    const res = await debit(t, key_info.key_id, { endpoint: '/x', service_id: 'platform', idempotency_key: 'only-required' });
    expect(await res.json()).toMatchObject({ debited: 0.001 });
    expect(t.store.snapshot().usage[0]).toMatchObject({ status_code: 0, response_time_ms: 0, compute_ms: 0, predictions_count: 1 });
  });
});
