// The balance fields of a successful validation, and the accounts behind them: one per owner,
// opened with the initial credits of the plan.
import { describe, expect, it } from 'vitest';
import { ownerOf } from '../../../src/server/engine/balance';
import { makeTestApp } from '../support';

const balanceOf = async (res: Response) => {
  const body = await res.json();
  return { has_sufficient_balance: body.has_sufficient_balance, balance: body.balance };
};

describe('validation answers with the owner\'s balance', () => {
  it('gives a free key USD 1.00 of settled credit on its creation', async () => {
    const t = makeTestApp();
    const { api_key } = await t.createKey();
    expect(await balanceOf(await t.validate(api_key))).toEqual({ has_sufficient_balance: true, balance: 1 });
  });

  it('says false once the settled balance cannot pay for one prediction, pending credit or not', async () => {
    const t = makeTestApp();
    const { api_key } = await t.createKey();
    t.app.controls.setBalance('admin', { settled: 0.0009, pending: 100 });
    expect(await balanceOf(await t.validate(api_key))).toEqual({ has_sufficient_balance: false, balance: 0.0009 });
    t.app.controls.setBalance('admin', { settled: 0.001 });
    expect(await balanceOf(await t.validate(api_key))).toEqual({ has_sufficient_balance: true, balance: 0.001 });
  });

  it('gives plans without initial credits nothing, and takes other amounts from createApp', async () => {
    const t = makeTestApp();
    const { api_key } = await t.createKey({ billing_plan: 'enterprise' });
    expect(await balanceOf(await t.validate(api_key))).toEqual({ has_sufficient_balance: false, balance: 0 });

    const custom = makeTestApp({ initialCredits: { free: 0, pro: 25.5 } });
    const pro = await custom.createKey({ billing_plan: 'pro' });
    expect(await balanceOf(await custom.validate(pro.api_key))).toEqual({ has_sufficient_balance: true, balance: 25.5 });
  });

  it('shares one account between the keys of an owner and credits it once', async () => {
    const t = makeTestApp();
    const first = await t.createKey({ service_id: 'platform' });
    const second = await t.createKey({ service_id: 'platform' });
    await t.request(`/api/v1/usage/${first.key_info.key_id}/debit`, {
      method: 'POST',
      json: { endpoint: '/x', service_id: 'platform', idempotency_key: 'a', predictions_count: 100 },
    });
    expect(await balanceOf(await t.validate(second.api_key))).toEqual({ has_sufficient_balance: true, balance: 0.9 });
  });

  it('opens the account at first use for a key stored without one, and reset empties balances', async () => {
    const t = makeTestApp();
    const seeded = await t.app.controls.seedKey({ name: 'fixture', service_id: 'prediction' });
    expect(t.app.controls.balance('admin')).toEqual({ owner: 'admin', settled: 0, pending: 0 });
    expect(await balanceOf(await t.validate(seeded.api_key))).toEqual({ has_sufficient_balance: true, balance: 1 });
    t.app.controls.reset();
    expect(t.app.controls.balance('admin')).toEqual({ owner: 'admin', settled: 0, pending: 0 });
  });

  it('refuses a negative or non-numeric balance naming the field', () => {
    const t = makeTestApp();
    expect(() => t.app.controls.setBalance('admin', { settled: -1 })).toThrow(expect.objectContaining({ fieldErrors: [expect.objectContaining({ field: 'settled' })] }));
    expect(() => t.app.controls.setBalance('admin', { pending: Number.NaN })).toThrow(expect.objectContaining({ fieldErrors: [expect.objectContaining({ field: 'pending' })] }));
  });

  it('bills a key of an organization to the organization, any other key to its user', () => {
    expect(ownerOf({ user_id: 'user-1', organization_id: 'org-1' })).toBe('org-1');
    expect(ownerOf({ user_id: 'user-1', organization_id: null })).toBe('user-1');
    expect(ownerOf({ user_id: 'admin' })).toBe('admin');
  });
});
