/**
 * `npm run bench:guard:instructions`: what the key guard costs one request of a service, in CPU
 * instructions counted by valgrind's callgrind. Unlike req/s, an instruction count does not move
 * with other work on the machine, so it says how much of a request the guard is when
 * `npm run bench:middleware`'s ratios spread too widely to tell.
 *
 * The app of `bench:middleware` (bench/targets/middleware-app.ts) runs under callgrind, counting
 * nothing until told. After a warm-up, the routes take turns, window after window: each window is a
 * fixed number of requests to one route (autocannon, 10 connections, rotating 40 cached keys), and
 * only those are counted. A route's figure is the least of its windows: a window that happens to
 * hold a full garbage collection of the heap, or V8 compiling code again, counts more, never less
 * (the median and the largest are shown beside it). Routes: `/open` (the JSON answer),
 * `/floor/set` (a middleware handing a key on, nothing else), `/floor/hash` (a middleware hashing the
 * Authorization header with the guard's SHA-256, nothing else) and `/protected` (the key guard, every
 * request a cache hit).
 *
 * What the count cannot show: time. Above all, valgrind's virtual CPU has no SHA extensions, so
 * OpenSSL takes its AVX2 SHA-256 there, several times the instructions of the SHA-NI path it takes
 * natively on CPUs that have them: the `/floor/hash` count overstates the hash. What the count shows
 * well is the guard's work beyond the hash: `/protected` against `/floor/hash`, all JavaScript and
 * V8 builtins, which run the same instructions under valgrind as without it.
 *
 * Environment: BENCH_APP (hono or express, default hono), BENCH_REQUESTS (per window, default
 * 2500), BENCH_WINDOWS (per route, default 7). Needs valgrind (Debian: `apt-get install valgrind`);
 * under it the app runs some 50 times slower, so a run takes a few minutes.
 */
import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProcess } from '../scripts/lib/processes';
import { HokusaiAuth } from '../src/client';
import { createApp } from '../src/server';

const APP = fileURLToPath(new URL('targets/middleware-app.ts', import.meta.url));
const FRAMEWORK = process.env.BENCH_APP ?? 'hono';
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2_500);
const WINDOWS = Number(process.env.BENCH_WINDOWS ?? 7);
const KEYS = 40;
const ROUTES = [
  ['/open', 'the JSON answer'],
  ['/floor/set', 'a middleware handing a key on'],
  ['/floor/hash', 'a middleware taking the SHA-256 of the Authorization header (overstated: see above)'],
  ['/protected', 'the key guard (a cache hit)'],
] as const;
const ADMIN = 'bench-instructions-admin-token';

const log = (message: string) => process.stderr.write(`${message}\n`);

try {
  execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
} catch {
  log('bench:guard:instructions needs valgrind on the PATH (Debian: apt-get install valgrind).');
  process.exit(1);
}

// The auth service, in this process: it validates each key once, in the warm-up.
const stub = createApp({ adminToken: ADMIN });
const stubServer = serve({ port: 0, hostname: '127.0.0.1', fetch: stub.fetch });
await new Promise((resolve) => stubServer.once('listening', resolve));
const authUrl = `http://127.0.0.1:${(stubServer.address() as AddressInfo).port}`;
const admin = new HokusaiAuth({ baseUrl: authUrl, adminToken: ADMIN });
const keys = await Promise.all(
  Array.from({ length: KEYS }, async () =>
    (await admin.keys.create({ name: 'bench', service_id: 'prediction', scopes: ['predict'], environment: 'test', rate_limit_per_hour: 100_000 })).api_key,
  ),
);

const outDir = mkdtempSync(join(tmpdir(), 'hokusai-callgrind-'));
const app = await startProcess(
  'valgrind',
  [
    '--tool=callgrind',
    '--instr-atstart=no',
    // V8 rewrites the machine code it generates: valgrind must notice it everywhere but in files.
    '--smc-check=all-non-file',
    `--callgrind-out-file=${join(outDir, 'callgrind.out')}`,
    process.execPath,
    '--import',
    'tsx',
    APP,
    FRAMEWORK,
    authUrl,
  ],
  { ready: { printed: /^\{"ready":true.*$/m }, timeoutMs: 600_000 },
);
const { url, built } = JSON.parse(app.url) as { url: string; built: boolean };
const pid = String(app.child.pid);
const callgrind = (...args: string[]) => execFileSync('callgrind_control', [...args, pid], { stdio: 'ignore' });

async function load(path: string, amount: number): Promise<void> {
  const requests = keys.map((key) => ({ method: 'GET', path, headers: { authorization: `Bearer ${key}` } }));
  const result = await autocannon({ url, connections: 10, amount, requests });
  if (result['2xx'] !== amount) throw new Error(`${path}: ${result['2xx']} of ${amount} answers were 2xx (${JSON.stringify(result.statusCodeStats)})`);
}

/** Instructions the app ran while `amount` requests went to `path`, per request. */
async function instructionsPerRequest(path: string, amount: number): Promise<number> {
  const before = new Set(readdirSync(outDir));
  callgrind('--zero');
  callgrind('--instr=on');
  await load(path, amount);
  callgrind('--instr=off');
  callgrind('--dump');
  const dumped = readdirSync(outDir).filter((name) => !before.has(name));
  if (dumped.length !== 1) throw new Error(`expected one new callgrind dump, found ${dumped.length}`);
  const totals = /^totals:\s+(\d+)/m.exec(readFileSync(join(outDir, dumped[0]!), 'utf8'));
  if (!totals) throw new Error(`no totals in ${dumped[0]}`);
  return Number(totals[1]) / amount;
}

const counted = new Map<string, number[]>();
try {
  // Each key's first request is validated; then every counted request is a cache hit.
  for (let warmUp = 0; warmUp < 2; warmUp++) for (const [path] of ROUTES) await load(path, REQUESTS);
  for (let window = 1; window <= WINDOWS; window++) {
    // The order turns each window, so no route always follows the same one.
    for (const [path] of ROUTES.map((_, i) => ROUTES[(i + window) % ROUTES.length]!)) {
      const instructions = await instructionsPerRequest(path, REQUESTS);
      counted.set(path, [...(counted.get(path) ?? []), instructions]);
      log(`window ${window}/${WINDOWS} ${path}: ${Math.round(instructions)} instructions per request`);
    }
  }
} finally {
  await app.stop();
  stubServer.close();
  rmSync(outDir, { recursive: true, force: true });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
// The least window: other work can only add to a window's count (a full garbage collection of the
// heap, V8 compiling again), never take from it, and on some days it lands in half the windows.
const of = (path: string) => Math.min(...counted.get(path)!);
const open = of('/open');
const thousands = (n: number) => Math.round(n).toLocaleString('en-US');
const hash = of('/floor/hash');
const lines = [
  `| ${FRAMEWORK}: route | what it does beyond /open | instructions per request (least of ${WINDOWS} windows) | median | max | more than /open | /open ÷ route |`,
  '|---|---|---:|---:|---:|---:|---:|',
  ...ROUTES.map(([path, what]) => {
    const route = of(path);
    const all = counted.get(path)!;
    const more = path === '/open' ? '—' : `${thousands(route - open)} (${(((route - open) / open) * 100).toFixed(1)} %)`;
    return `| \`${path}\` | ${what} | ${thousands(route)} | ${thousands(median(all))} | ${thousands(Math.max(...all))} | ${more} | ${(open / route).toFixed(2)} |`;
  }),
  '',
  `The guard beyond the SHA-256 of the key (\`/protected\` − \`/floor/hash\`): ${thousands(of('/protected') - hash)} instructions per request, ${(((of('/protected') - hash) / open) * 100).toFixed(1)} % of \`/open\`.`,
  '',
  `callgrind, windows of ${REQUESTS.toLocaleString('en-US')} GET requests (autocannon, 10 connections, ${KEYS} keys); Node ${process.version}; the guard from ${built ? 'the built package (dist/)' : 'the source through tsx (no build present)'}.`,
];
console.log(lines.join('\n'));
