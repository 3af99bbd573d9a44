// The balance test controls over HTTP (`--test-controls`): GET/POST /__hokusai/balances/{owner},
// behind the admin token, the same accounts validation and debits use.
import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../server/support';

describe('/__hokusai/balances/{owner}', () => {
  it('reads and sets an owner\'s balance, which validation then reports', async () => {
    const t = makeTestApp({ testControls: true });
    const { api_key } = await t.createKey();
    expect(await (await t.admin('/__hokusai/balances/admin')).json()).toEqual({ owner: 'admin', settled: 1, pending: 0 });
    const set = await t.admin('/__hokusai/balances/admin', { method: 'POST', json: { settled: 0 } });
    expect(await set.json()).toEqual({ owner: 'admin', settled: 0, pending: 0 });
    expect(await (await t.validate(api_key)).json()).toMatchObject({ has_sufficient_balance: false, balance: 0 });
  });

  it('takes any owner name, URL-encoded', async () => {
    const t = makeTestApp({ testControls: true });
    await t.admin(`/__hokusai/balances/${encodeURIComponent('org/acme corp')}`, { method: 'POST', json: { pending: 2.5 } });
    expect(t.app.controls.balance('org/acme corp')).toEqual({ owner: 'org/acme corp', settled: 0, pending: 2.5 });
  });

  it('needs the admin token and answers 400 naming a bad field', async () => {
    const t = makeTestApp({ testControls: true });
    expect((await t.request('/__hokusai/balances/admin')).status).toBe(401);
    const bad = await t.admin('/__hokusai/balances/admin', { method: 'POST', json: { settled: -1, colour: 'red' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()).errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['colour', 'settled']);
  });

  it('does not exist without test controls', async () => {
    const t = makeTestApp();
    expect((await t.admin('/__hokusai/balances/admin')).status).toBe(404);
  });
});
