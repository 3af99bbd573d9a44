/**
 * `npm run bench:middleware`: what the key guard costs a service. A Hono app and an Express app,
 * each in its own process, serve GET /open and GET /protected (the same JSON, the second behind
 * the guard with its default cache); autocannon loads the two routes of an app side by side,
 * A-B-A then B-A-B, and the ratio protected/open is taken per round (the middle run against the
 * mean of the two around it) and its median reported (target ≥ 0.9 on cache hits). Then 1,000 concurrent first requests with one new
 * key go to each app while the auth service holds its answer for a second: the stub must see
 * exactly 1 validation.
 *
 * The stub auth service runs in this process (it is called once per key per 5 minutes), so its
 * validations can be counted. Environment: BENCH_SECONDS (per run, default 5), BENCH_ROUNDS
 * (default 5), BENCH_CONNECTIONS (default 20), BENCH_FLOORS=1 (also measure routes doing one
 * part of the guard's work each, beside /open the same way: what the parts cost here).
 */
import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { HokusaiAuth } from '../src/client';
import { createApp } from '../src/server';
import { startTarget, type TargetProcess } from './lib/child';
import { cpuSecondsOf } from './lib/cpu';
import type { RoundResult } from './lib/load';
import { pairedRatio, summarise, type TargetSummary } from './lib/report';

const APP = fileURLToPath(new URL('targets/middleware-app.ts', import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const CONCURRENT_FIRST = 1_000;
/**
 * Keys the load cycles through, so no key's hourly limit (100,000) fills during the run: one app
 * process serves every round, and at 40,000 req/s the protected route takes up to 2 million
 * requests an hour (5 rounds × 2 runs × 5 s), 20 keys' worth.
 */
const KEYS = 40;
const FRAMEWORKS = ['hono', 'express'] as const;
/** BENCH_FLOORS=1: also the floor routes of the app, each beside /open like /protected (see bench/targets/middleware-app.ts). */
const FLOORS = process.env.BENCH_FLOORS === '1' ? ['/floor/set', '/floor/hash'] : [];
const COMPARED = ['/protected', ...FLOORS];
/** The guard's default time to live of a cached answer. */
const DEFAULT_TTL_S = 300;
const ADMIN = 'bench-middleware-admin-token';

const log = (message: string) => process.stderr.write(`${message}\n`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

// The auth service, counting validations; `hold` delays their answers.
const stub = createApp({ adminToken: ADMIN });
const counter: { validations: number; hold?: () => Promise<void> } = { validations: 0 };
const stubServer = serve({
  port: 0,
  hostname: '127.0.0.1',
  fetch: async (request, env) => {
    if (new URL(request.url).pathname === '/api/v1/keys/validate') {
      counter.validations++;
      await counter.hold?.();
    }
    return stub.fetch(request, env);
  },
});
await new Promise((resolve) => stubServer.once('listening', resolve));
const authUrl = `http://127.0.0.1:${(stubServer.address() as AddressInfo).port}`;
const admin = new HokusaiAuth({ baseUrl: authUrl, adminToken: ADMIN });
const newKey = async () =>
  (await admin.keys.create({ name: 'bench', service_id: 'prediction', scopes: ['predict'], environment: 'test', rate_limit_per_hour: 100_000 })).api_key;

async function load(url: string, path: string, keys: string[], seconds: number, pid?: number): Promise<RoundResult> {
  const requests = keys.map((key) => ({ method: 'GET' as const, path, headers: { authorization: `Bearer ${key}` } }));
  const cpuBefore = cpuSecondsOf(pid);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, requests });
  const cpuAfter = cpuSecondsOf(pid);
  const served = result['2xx'];
  return {
    rps: served / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    cpuMicrosPerRequest: cpuBefore !== undefined && cpuAfter !== undefined && served > 0 ? ((cpuAfter - cpuBefore) * 1e6) / served : undefined,
    statusCounts: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
  };
}

/**
 * 1,000 requests with one key never seen: the auth service holds its answer until all of them
 * have reached the app (or 1.5 s, within the guard's 2 s timeout), so they all wait on the guard.
 */
async function concurrentFirst(url: string): Promise<{ validations: number; ok: number; waiting: number }> {
  const key = await newKey();
  // Each poll of /arrived is a request too: counted, and taken off.
  let polls = 0;
  const arrived = async () => ((await (await fetch(`${url}/arrived`)).json()) as { arrived: number }).arrived - ++polls;
  const before = { validations: counter.validations, arrived: await arrived() };
  let waiting = 0;
  counter.hold = async () => {
    const deadline = performance.now() + 1_500;
    while ((waiting = (await arrived()) - before.arrived) < CONCURRENT_FIRST && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const statuses = await Promise.all(
    Array.from({ length: CONCURRENT_FIRST }, () => fetch(`${url}/protected`, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.status)),
  );
  counter.hold = undefined;
  return { validations: counter.validations - before.validations, ok: statuses.filter((status) => status === 200).length, waiting };
}

const keys = await Promise.all(Array.from({ length: KEYS }, newKey));
const apps = new Map<string, TargetProcess>();
for (const framework of FRAMEWORKS) apps.set(framework, await startTarget(APP, [framework, authUrl]));

const rounds = new Map<string, RoundResult[]>();
const record = (id: string, result: RoundResult) => rounds.set(id, [...(rounds.get(id) ?? []), result]);
try {
  // Warm-up: each key's first validation, then JIT and connections.
  for (const app of apps.values()) {
    for (const key of keys) await fetch(`${app.ready.url}/protected`, { headers: { authorization: `Bearer ${key}` } });
    for (const path of ['/open', '/protected']) await load(app.ready.url, path, keys, 1);
  }
  const validationsBefore = counter.validations;
  log(`warm-up: ${validationsBefore} validations at the stub for ${KEYS} keys and ${apps.size} apps`);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [framework, app] of apps) {
      for (const compared of COMPARED) {
        // A-B-A, then B-A-B: the middle run is compared with the mean of the runs around it, so
        // a drift of the machine's speed within the round cancels out.
        const [outer, inner] = round % 2 === 0 ? ['/open', compared] : [compared, '/open'];
        const runs: RoundResult[] = [];
        for (const path of [outer, inner, outer]) {
          const result = await load(app.ready.url, path, keys, SECONDS, app.child.pid);
          runs.push(result);
          log(`round ${round + 1}/${ROUNDS} ${framework} ${path}: ${Math.round(result.rps)} req/s, p99 ${result.p99} ms${result.non2xx ? `, non-2xx ${JSON.stringify(result.statusCounts)}` : ''}`);
        }
        const [first, middle, last] = runs as [RoundResult, RoundResult, RoundResult];
        const mean = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : (a + b) / 2);
        const around: RoundResult = {
          ...middle,
          rps: (first.rps + last.rps) / 2,
          cpuMicrosPerRequest: mean(first.cpuMicrosPerRequest, last.cpuMicrosPerRequest),
          non2xx: first.non2xx + last.non2xx,
        };
        // Each compared route has its own /open runs, the ones measured beside it.
        record(`${framework} ${compared}`, inner === compared ? middle : around);
        record(`${framework} /open beside ${compared}`, inner === compared ? around : middle);
      }
    }
  }
  const loadValidations = counter.validations - validationsBefore;

  const summaries = new Map<string, TargetSummary>([...rounds].map(([id, results]) => [id, summarise(id, results)]));
  const lines = [
    `| app | open req/s | protected req/s | protected/open req/s (median of ${ROUNDS} rounds) | min–max | target | app CPU per request, open → protected | open/protected CPU (median) | non-2xx |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  let pass = true;
  for (const framework of FRAMEWORKS) {
    const open = summaries.get(`${framework} /open beside /protected`)!;
    const guarded = summaries.get(`${framework} /protected`)!;
    const ratio = pairedRatio(guarded, open);
    pass &&= ratio.median >= 0.9 && guarded.non2xx === 0;
    const cpuRatios = guarded.rounds.map((round, i) => open.rounds[i]!.cpuMicrosPerRequest! / round.cpuMicrosPerRequest!);
    const cpu = `${Math.round(open.cpuMicros ?? Number.NaN)} → ${Math.round(guarded.cpuMicros ?? Number.NaN)} µs`;
    lines.push(
      `| ${framework} | ${Math.round(open.rps)} | ${Math.round(guarded.rps)} | ${ratio.median.toFixed(2)} | ${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)} | ≥ 0.90 | ${cpu} | ${median(cpuRatios).toFixed(2)} | ${guarded.non2xx} |`,
    );
  }
  if (FLOORS.length) {
    lines.push(
      '',
      '| app | route | its req/s vs /open (median) | min–max | app CPU per request, open → route |',
      '|---|---|---:|---:|---:|',
    );
    for (const framework of FRAMEWORKS) {
      for (const floor of FLOORS) {
        const open = summaries.get(`${framework} /open beside ${floor}`)!;
        const route = summaries.get(`${framework} ${floor}`)!;
        const ratio = pairedRatio(route, open);
        lines.push(
          `| ${framework} | ${floor} | ${ratio.median.toFixed(2)} | ${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)} | ${Math.round(open.cpuMicros ?? Number.NaN)} → ${Math.round(route.cpuMicros ?? Number.NaN)} µs |`,
        );
      }
    }
  }
  lines.push('', `Validations at the stub during the timed runs (${KEYS} keys, each validated again when its cached answer is ${DEFAULT_TTL_S} s old): ${loadValidations}.`, '');
  lines.push(
    `| app | ${CONCURRENT_FIRST} first requests with one new key: waiting on the guard while it validated | validations at the stub | 200 answers | target |`,
    '|---|---:|---:|---:|---:|',
  );
  for (const [framework, app] of apps) {
    const { validations, ok, waiting } = await concurrentFirst(app.ready.url);
    pass &&= validations === 1 && ok === CONCURRENT_FIRST;
    lines.push(`| ${framework} | ${waiting} | ${validations} | ${ok} | exactly 1 |`);
  }
  lines.push(
    '',
    `GET with a valid Bearer key; autocannon, ${CONNECTIONS} connections, ${SECONDS} s per run, ${ROUNDS} rounds, open and protected routes of one app side by side (open-protected-open, then protected-open-protected; the middle run against the mean of the two around it); Node ${process.version}; the guard from ${
      [...apps.values()].every((app) => app.ready.built) ? 'the built package (dist/)' : 'the source through tsx (no build present)'
    }.`,
  );
  console.log(lines.join('\n'));
  if (!pass) process.exitCode = 1;
} finally {
  for (const app of apps.values()) await app.stop();
  stubServer.close();
}
