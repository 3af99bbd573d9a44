/**
 * `npm run bench:guard`: what one cached key check costs outside a server, next to the one
 * SHA-256 of the key it cannot skip. The guard checks Node-style header records built afresh for
 * every call (a server's are new strings each request), cycling through 64 keys that are all in its
 * cache; the baseline hashes the same fresh headers' keys with Node's one-shot `crypto.hash`, and a
 * third loop only builds the headers, whose cost is taken off both.
 *
 * The three take turns, one batch each, the order rotating every round; results are medians. The
 * guard comes from the built package (`dist/`) when there is one, else from the source.
 *
 * Environment: BENCH_CALLS (per batch, default 200000), BENCH_ROUNDS (default 7).
 */
import { existsSync } from 'node:fs';
import { hash } from 'node:crypto';
import { createApp } from '../src/server';

const CALLS = Number(process.env.BENCH_CALLS ?? 200_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const KEYS = 64;
const ADMIN = 'bench-guard-admin-token';

const distEntry = (path: string) => new URL(`../dist/${path}`, import.meta.url);
const built = existsSync(distEntry('middleware/index.js')) && existsSync(distEntry('index.js'));
const { HokusaiAuth } = (await import(built ? distEntry('index.js').href : '../src/client')) as typeof import('../src/client');
const { createKeyGuard } = (await import(built ? distEntry('middleware/index.js').href : '../src/middleware')) as typeof import('../src/middleware');

// The auth service in this process, reached through an injected fetch.
const stub = createApp({ adminToken: ADMIN });
const fetch = (input: RequestInfo | URL, init?: RequestInit) => stub.fetch(new Request(input, init));
const admin = new HokusaiAuth({ baseUrl: 'http://auth.bench', adminToken: ADMIN, fetch });
const keys = await Promise.all(
  Array.from({ length: KEYS }, async () =>
    (await admin.keys.create({ name: 'bench', service_id: 'prediction', scopes: ['predict'], environment: 'test', rate_limit_per_hour: 100_000 })).api_key,
  ),
);
const guard = createKeyGuard({ auth: new HokusaiAuth({ baseUrl: 'http://auth.bench', fetch }), service_id: 'prediction', required_scope: 'predict' });
for (const key of keys) {
  const outcome = await guard.check({ headers: { authorization: `Bearer ${key}` }, remoteAddress: '127.0.0.1' });
  if (!outcome.ok) throw new Error(`warm-up check refused: ${outcome.status}`);
}

// The Authorization values as bytes: `toString` makes a new string each call, as a server's parser does.
const rawHeaders = keys.map((key) => Buffer.from(`Bearer ${key}`, 'latin1'));
const headersOf = (i: number) => ({ host: '127.0.0.1:3000', authorization: rawHeaders[i % KEYS]!.toString('latin1') });

// Results go somewhere, so no loop is optimised away.
let sink = 0;
const contenders: Record<string, (i: number) => void> = {
  'cached check (guard.checkNow)': (i) => {
    const outcome = guard.checkNow({ headers: headersOf(i), remoteAddress: '127.0.0.1', path: '/v1/predict' });
    if (!('ok' in outcome) || !outcome.ok) throw new Error('the bench expects every check to be a cache hit');
  },
  'SHA-256 of the key (crypto.hash)': (i) => {
    sink += hash('sha256', headersOf(i).authorization.slice(7), 'binary').length;
  },
  'building the headers only': (i) => {
    sink += headersOf(i).authorization.length;
  },
};
const names = Object.keys(contenders);

function batch(call: (i: number) => void, calls: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) call(i);
  return Number(process.hrtime.bigint() - start) / calls;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

for (const name of names) batch(contenders[name]!, Math.min(CALLS, 20_000)); // warm-up
const samples: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const name of names.map((_, i) => names[(i + round) % names.length]!)) samples[name]!.push(batch(contenders[name]!, CALLS));
}

const floor = median(samples['building the headers only']!);
const check = median(samples['cached check (guard.checkNow)']!) - floor;
const sha = median(samples['SHA-256 of the key (crypto.hash)']!) - floor;
console.log(`Cached key check: ${ROUNDS} rounds x ${CALLS} calls, ${KEYS} keys, guard from ${built ? 'dist/' : 'src/'} (median ns per call, building the headers taken off)\n`);
console.log('| loop | ns per call |');
console.log('|---|---:|');
console.log(`| cached check (guard.checkNow) | ${check.toFixed(0)} |`);
console.log(`| SHA-256 of the key (crypto.hash) | ${sha.toFixed(0)} |`);
console.log(`| building the headers (taken off) | ${floor.toFixed(0)} |`);
console.log(`\ncached check / SHA-256 of the key = ${(check / sha).toFixed(2)}`);
