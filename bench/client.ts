/**
 * `npm run bench:client`: calls per second of `auth.validate` (the facade: retries, timeout,
 * typed errors) against a bare openapi-fetch call and a raw `fetch` of the same request. All
 * three use the same injected fetch, which answers at once with the same validation result, so
 * the numbers measure client overhead only (Request building, body serialising, JSON parsing,
 * and for the facade its own work).
 *
 * The contenders take turns, one batch each, and the order rotates every round, so machine noise
 * hits all of them alike. Results are medians over the rounds. Target: the facade reaches at
 * least 50 % of bare openapi-fetch.
 *
 * Environment: BENCH_CALLS (per batch, default 5000), BENCH_ROUNDS (default 7).
 */
import createClient from 'openapi-fetch';
import type { paths } from '../generated/schema';
import { HokusaiAuth } from '../src/client';

const CALLS = Number(process.env.BENCH_CALLS ?? 5_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const TARGET_SHARE = 0.5;
const BASE_URL = 'http://auth.bench';
const API_KEY = 'hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456';
const RESULT = JSON.stringify({
  is_valid: true,
  key_id: '550e8400-e29b-41d4-a716-446655440000',
  user_id: 'admin',
  service_id: 'prediction',
  scopes: ['predict'],
  rate_limit_per_hour: 1000,
  billing_plan: 'free',
  monthly_prediction_limit: null,
});

// The same answer for everyone; a new Response per call since a body can be read only once.
const fetch = async (_request: Request): Promise<Response> =>
  new Response(RESULT, { status: 200, headers: { 'Content-Type': 'application/json' } });

const auth = new HokusaiAuth({ baseUrl: BASE_URL, fetch });
const client = createClient<paths>({ baseUrl: BASE_URL, fetch });

const contenders: Record<string, () => Promise<unknown>> = {
  'HokusaiAuth.validate': async () => {
    const result = await auth.validate(API_KEY, { service_id: 'prediction' });
    if (!result.is_valid) throw new Error('unexpected answer');
  },
  'openapi-fetch POST': async () => {
    const { data } = await client.POST('/api/v1/keys/validate', {
      body: { service_id: 'prediction' },
      headers: { Authorization: `Bearer ${API_KEY}` },
    });
    if (!data?.is_valid) throw new Error('unexpected answer');
  },
  'raw fetch': async () => {
    const response = await fetch(
      new Request(`${BASE_URL}/api/v1/keys/validate`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ service_id: 'prediction' }),
      }),
    );
    const data = (await response.json()) as { is_valid: boolean };
    if (!data.is_valid) throw new Error('unexpected answer');
  },
};
const names = Object.keys(contenders);

async function batch(call: () => Promise<unknown>, calls: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < calls; i++) await call();
  return (calls / (performance.now() - start)) * 1000;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

for (const name of names) await batch(contenders[name]!, Math.min(CALLS, 1_000)); // warm-up

const samples: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  const order = names.map((_, i) => names[(i + round) % names.length]!);
  for (const name of order) samples[name]!.push(await batch(contenders[name]!, CALLS));
}

const bare = median(samples['openapi-fetch POST']!);
const facade = median(samples['HokusaiAuth.validate']!);
console.log(`Client overhead: ${ROUNDS} rounds x ${CALLS} sequential calls, injected fetch answering at once (median calls/s)\n`);
console.log('| client | calls/s | vs openapi-fetch |');
console.log('|---|---:|---:|');
for (const name of names) {
  const perSecond = median(samples[name]!);
  console.log(`| ${name} | ${Math.round(perSecond).toLocaleString('en-US')} | ${((perSecond / bare) * 100).toFixed(0)} % |`);
}
const share = facade / bare;
console.log(
  `\nfacade / openapi-fetch = ${(share * 100).toFixed(0)} % (target >= ${TARGET_SHARE * 100} %): ${share >= TARGET_SHARE ? 'ok' : 'BELOW TARGET'}`,
);
