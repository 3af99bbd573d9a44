// `auth.usage.debit()` through the msw handlers: the same engine answers, a refusal (402) is an
// answer rather than an exception, and a retry with the same idempotency_key debits once.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HokusaiAuth, NotFoundError } from '../../src/client';
import type { DebitUsageParams } from '../../src/client';
import { createHokusaiHandlers } from '../../src/msw';
import { pipelineDebitBody } from '../support/pipeline-debit';

const hokusai = createHokusaiHandlers({ baseUrl: 'http://debit.msw.test', adminToken: 'msw-admin-token' });
const server = setupServer(...hokusai.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => hokusai.controls.reset());
afterAll(() => server.close());

const auth = new HokusaiAuth({ baseUrl: hokusai.baseUrl, adminToken: hokusai.adminToken, maxRetries: 0 });
const params = (keyId: string, at: number): DebitUsageParams => ({ ...pipelineDebitBody(keyId, at), model_id: null });

describe('auth.usage.debit', () => {
  it('returns accepted with the debit, and the validation shows the balance left', async () => {
    const { api_key, key_info } = await auth.keys.create({ name: 'svc', service_id: 'platform' });
    const answer = await auth.usage.debit(key_info.key_id, params(key_info.key_id, 1));
    expect(answer).toEqual({ accepted: true, debited: 0.001, balance: 0.999, key_id: key_info.key_id, idempotency_key: `${key_info.key_id}-1` });
    expect(await auth.validate(api_key, { client_ip: 'testclient' })).toMatchObject({ is_valid: true, has_sufficient_balance: true, balance: 0.999 });
  });

  it('returns rejected with error and message for a 402, without throwing', async () => {
    const { key_info } = await auth.keys.create({ name: 'svc', service_id: 'platform' });
    hokusai.controls.setBalance(key_info.user_id, { settled: 0, pending: 3 });
    const answer = await auth.usage.debit(key_info.key_id, params(key_info.key_id, 2));
    expect(answer).toEqual({
      accepted: false,
      error: 'insufficient_settled_balance',
      message: 'Settled balance 0.00 insufficient. Pending: 3.00 (not yet spendable).',
    });
  });

  it('debits once for a repeated idempotency_key and throws NotFoundError for an unknown key', async () => {
    const { key_info } = await auth.keys.create({ name: 'svc', service_id: 'platform' });
    const first = await auth.usage.debit(key_info.key_id, params(key_info.key_id, 3));
    expect(await auth.usage.debit(key_info.key_id, params(key_info.key_id, 3))).toEqual(first);
    expect(hokusai.controls.balance(key_info.user_id).settled).toBe(0.999);
    await expect(auth.usage.debit('0f8fad5b-d9cb-469f-a165-70867728950e', params('x', 4))).rejects.toBeInstanceOf(NotFoundError);
  });
});
