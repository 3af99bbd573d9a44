// `npm start -- --initial-credits free=0.5,pro=50`: the credits a new owner account gets.
import { describe, expect, it } from 'vitest';
import { parseMainArgs } from '../../../src/server/cli-args';
import { startServer } from '../../../src/server/node';

describe('--initial-credits', () => {
  it('takes plan=usd pairs and refuses anything else naming the flag', () => {
    expect(parseMainArgs(['--initial-credits', 'free=0.5, pro=50'], {}).initialCredits).toEqual({ free: 0.5, pro: 50 });
    expect(parseMainArgs([], {}).initialCredits).toBeUndefined();
    for (const bad of ['free', 'free=-1', 'free=1,', '=3', 'free=abc']) {
      expect(() => parseMainArgs(['--initial-credits', bad], {})).toThrow(/--initial-credits/);
    }
  });

  it('reaches the server: a key of the plan opens its owner\'s account with that much', async () => {
    const server = await startServer({ port: 0, memory: true, adminToken: 'credits-admin-token', quiet: true, initialCredits: { pro: 50 } });
    try {
      const headers = { Authorization: 'Bearer credits-admin-token', 'Content-Type': 'application/json' };
      const created = await fetch(`${server.url}/api/v1/keys`, { method: 'POST', headers, body: JSON.stringify({ name: 'k', service_id: 'prediction', billing_plan: 'pro' }) });
      const { api_key } = (await created.json()) as { api_key: string };
      const validated = await fetch(`${server.url}/api/v1/keys/validate`, { method: 'POST', headers: { Authorization: `Bearer ${api_key}` } });
      expect(await validated.json()).toMatchObject({ has_sufficient_balance: true, balance: 50 });
    } finally {
      await server.close();
    }
  });
});
