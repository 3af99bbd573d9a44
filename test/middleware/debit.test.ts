// The guard's opt-in per-request debit: each accepted request is paid for before the handler
// runs, and a refused debit answers 402 with the auth service's reason, as Hokusai's own
// services do.
import { describe, expect, it } from 'vitest';
import { bearer, inProcessStub } from './stub';

describe('createKeyGuard({ debit: true })', () => {
  it('debits one prediction per accepted request, cached validation or not, and records it', async () => {
    const stub = inProcessStub();
    const { api_key, key_info } = await stub.newKey();
    const guard = stub.guard({ debit: true });
    for (let i = 0; i < 3; i++) expect((await guard.check({ ...bearer(api_key), path: '/api/v1/models/hokusai-text-v1/predict' })).ok).toBe(true);
    expect(stub.calls.validations).toBe(1);
    expect(stub.app.controls.balance(key_info.user_id).settled).toBe(0.997);
    const stats = await stub.admin.usage.stats(key_info.key_id);
    expect(stats).toMatchObject({ total_requests: 3, total_predictions: 3, top_endpoints: [{ endpoint: '/api/v1/models/hokusai-text-v1/predict', count: 3 }] });
  });

  it('answers 402 with the reason when the settled balance cannot pay, and charges nothing', async () => {
    const stub = inProcessStub();
    const { api_key, key_info } = await stub.newKey();
    const guard = stub.guard({ debit: { predictionsCount: 2 } });
    stub.app.controls.setBalance(key_info.user_id, { settled: 0.001, pending: 4 });
    const outcome = await guard.check({ ...bearer(api_key), path: '/v1/predict' });
    expect(outcome).toEqual({
      ok: false,
      status: 402,
      headers: {},
      body: { detail: 'Settled balance 0.00 insufficient. Pending: 4.00 (not yet spendable).', error_code: 'insufficient_settled_balance' },
    });
    expect(stub.app.controls.balance(key_info.user_id).settled).toBe(0.001);
  });

  it('charges nothing for a request its own beforeAccept refuses, and lets a request through when the debit cannot be made', async () => {
    const stub = inProcessStub();
    const { api_key, key_info } = await stub.newKey();
    const errors: unknown[] = [];
    const guard = stub.guard({ debit: true, beforeAccept: () => ({ ok: false, status: 403, headers: {}, body: { detail: 'No', error_code: 'custom' } }) });
    expect((await guard.check(bearer(api_key))).ok).toBe(false);
    expect(stub.app.controls.balance(key_info.user_id).settled).toBe(1);

    const open = stub.guard({ debit: true, onError: (error) => errors.push(error) });
    expect((await open.check(bearer(api_key))).ok).toBe(true);
    stub.outage.on = true;
    expect((await open.check(bearer(api_key))).ok).toBe(true);
    expect(errors).toHaveLength(1);
  });

  it('does nothing of the sort without the option', async () => {
    const stub = inProcessStub();
    const { api_key, key_info } = await stub.newKey();
    expect((await stub.guard().check(bearer(api_key))).ok).toBe(true);
    expect(stub.app.controls.balance(key_info.user_id).settled).toBe(1);
  });
});
