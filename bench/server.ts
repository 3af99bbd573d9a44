/**
 * `npm run bench:server`: throughput and latency of POST /api/v1/keys/validate with a valid
 * Bearer key, on the stub server (memory; memory without the Node hot path; memory with
 * 100,000 keys; SQLite), on a bare node:http server answering the same JSON (the ceiling) and
 * on the Prism mock of the spec; then the time from process start to the first 200 from /health.
 *
 * Every server runs in its own child process; the load generator (autocannon) runs here. The
 * targets take turns, one round each, and the order rotates every round, so machine noise
 * hits all of them alike. Results are medians over the rounds.
 *
 * Ratios are taken round by round (both targets measured seconds apart) and their median
 * reported, so the machine's drift between rounds cancels out.
 *
 * Environment: BENCH_SECONDS (per round, default 5), BENCH_ROUNDS (default 5),
 * BENCH_PROFILE=1 (write a CPU profile of the memory stub to .tmp/profiles/).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTarget, stopChild, type TargetProcess } from './lib/child';
import { runRound, VALIDATE_BODY, VALIDATE_PATH, type RoundResult } from './lib/load';
import { freePort, waitForStatus } from './lib/net';
import { markdownReport, pairedRatio, summarise, type Check, type TargetSummary } from './lib/report';
import { timeToHealthy, type StartCommand } from './lib/startup';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SPEC = join(ROOT, 'spec/hokusai-auth.openapi.yaml');
const PRISM = join(ROOT, 'node_modules/.bin/prism');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = 20;
/** Keys used per round; every round (and the warm-up) gets fresh ones. */
const KEYS_PER_ROUND = 2;
const BENCH_KEYS = KEYS_PER_ROUND * (ROUNDS + 1);
const SMALL_STORE = 10;
const LARGE_STORE = 100_000;

type Target = { id: string; label: string; url: string; pid: number | undefined; stop(): Promise<void> };

const log = (message: string) => process.stderr.write(`${message}\n`);

async function startStub(id: string, label: string, args: string[], nodeArgs: string[] = []): Promise<TargetProcess & { label: string; id: string }> {
  const target = await startTarget(join(ROOT, 'bench/targets/stub-server.ts'), args, nodeArgs);
  return Object.assign(target, { label, id });
}

async function startPrismMock(): Promise<Target> {
  const port = await freePort();
  // `-v silent`: Prism at its fastest (no per-request logging), the conservative comparison.
  const child = spawn(PRISM, ['mock', SPEC, '-p', String(port), '-h', '127.0.0.1', '-v', 'silent', '--multiprocess=false'], {
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForStatus(`${url}/health`, 200, 60_000, 50);
  return { id: 'prism', label: '(d) Prism mock of the spec', url, pid: child.pid, stop: () => stopChild(child) };
}

async function validBodyFrom(url: string, key: string): Promise<string> {
  const res = await fetch(`${url}${VALIDATE_PATH}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: VALIDATE_BODY,
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`the memory stub answered ${res.status} to a valid key`);
  return text;
}

function stubStartCommand(): { command: StartCommand; note: string } {
  const flags = (port: number) => ['--port', String(port), '--host', '127.0.0.1', '--memory', '--quiet', '--admin-token', 'bench-admin-token'];
  // The built bin (what `npx hokusai-auth mock` runs); from source through tsx when not built.
  const built = join(ROOT, 'dist/cli/main.js');
  if (existsSync(built)) {
    return { command: { command: process.execPath, args: (port) => [built, 'mock', ...flags(port)] }, note: 'built bin `node dist/cli/main.js mock --memory`' };
  }
  return {
    command: { command: process.execPath, args: (port) => ['--import', 'tsx', join(ROOT, 'src/server/main.ts'), ...flags(port)] },
    note: 'source entry `node --import tsx src/server/main.ts --memory` (no dist/cli/main.js build present)',
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  const tmp = mkdtempSync(join(tmpdir(), 'hokusai-bench-'));
  const profileArgs = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, '.tmp/profiles')}`] : [];
  if (profileArgs.length) mkdirSync(join(ROOT, '.tmp/profiles'), { recursive: true });
  const running: Target[] = [];
  try {
    log(`starting targets (seeding ${LARGE_STORE.toLocaleString('en-US')} keys takes a moment)…`);
    const [memory, general, large, sqlite, prism] = await Promise.all([
      startStub('memory', '(a) stub, memory', ['--store', 'memory', '--keys', String(SMALL_STORE), '--bench-keys', String(BENCH_KEYS)], profileArgs),
      startStub('general', '(a″) stub, memory, without the Node hot path', ['--store', 'memory', '--keys', String(SMALL_STORE), '--bench-keys', String(BENCH_KEYS), '--general-path-only']),
      startStub('large', `(a′) stub, memory, ${LARGE_STORE.toLocaleString('en-US')} keys`, ['--store', 'memory', '--keys', String(LARGE_STORE), '--bench-keys', String(BENCH_KEYS)]),
      startStub('sqlite', '(b) stub, SQLite file', ['--store', 'sqlite', '--file', join(tmp, 'bench.db'), '--keys', String(SMALL_STORE), '--bench-keys', String(BENCH_KEYS)]),
      startPrismMock(),
    ]);
    running.push(
      ...[memory, general, large, sqlite].map((t) => ({ id: t.id, label: t.label, url: t.ready.url, pid: t.child.pid, stop: t.stop })),
      prism,
    );
    const keysOf = new Map<string, string[]>([
      ['memory', memory.ready.keys ?? []],
      ['general', general.ready.keys ?? []],
      ['large', large.ready.keys ?? []],
      ['sqlite', sqlite.ready.keys ?? []],
    ]);
    // The bare server and Prism do not check keys: give them the memory stub's, so every
    // target gets the same requests.
    keysOf.set('prism', keysOf.get('memory')!);
    keysOf.set('bare', keysOf.get('memory')!);
    const body = await validBodyFrom(memory.ready.url, keysOf.get('memory')![0]!);
    const bare = await startTarget(join(ROOT, 'bench/targets/bare-server.ts'), [body]);
    running.push({ id: 'bare', label: '(c) bare node:http, same JSON', url: bare.ready.url, pid: bare.child.pid, stop: bare.stop });

    const order = ['memory', 'general', 'large', 'sqlite', 'bare', 'prism'];
    const targets = order.map((id) => running.find((t) => t.id === id)!);
    const roundKeys = (id: string, round: number) => keysOf.get(id)!.slice(round * KEYS_PER_ROUND, (round + 1) * KEYS_PER_ROUND);

    log('warm-up: 1 s each');
    for (const t of targets) await runRound(t.url, roundKeys(t.id, 0), 1, CONNECTIONS);

    const results = new Map<string, RoundResult[]>(targets.map((t) => [t.id, []]));
    for (let round = 0; round < ROUNDS; round += 1) {
      const rotated = [...targets.slice(round % targets.length), ...targets.slice(0, round % targets.length)];
      for (const t of rotated) {
        const r = await runRound(t.url, roundKeys(t.id, round + 1), SECONDS, CONNECTIONS, t.pid);
        results.get(t.id)!.push(r);
        log(`round ${round + 1}/${ROUNDS} ${t.label}: ${Math.round(r.rps)} req/s, p99 ${r.p99} ms${r.non2xx ? `, non-2xx ${JSON.stringify(r.statusCounts)}` : ''}`);
      }
    }
    await Promise.all(running.map((t) => t.stop()));
    running.length = 0;

    log('startup: time to the first 200 from /health');
    const stubStart = stubStartCommand();
    const stubStartupMs = await timeToHealthy(stubStart.command, 3);
    const prismStartupMs = await timeToHealthy(
      { command: PRISM, args: (port) => ['mock', SPEC, '-p', String(port), '-h', '127.0.0.1', '-v', 'silent', '--multiprocess=false'] },
      2,
    );

    const s = Object.fromEntries(targets.map((t) => [t.id, summarise(t.label, results.get(t.id)!)])) as Record<string, TargetSummary>;
    const check = (name: string, a: TargetSummary, b: TargetSummary, min: number | undefined, digits: number): Check => {
      const r = pairedRatio(a, b);
      const value = `${r.median.toFixed(digits)} (rounds ${r.min.toFixed(digits)}–${r.max.toFixed(digits)})`;
      if (min === undefined) return { name, value, target: '–' };
      return { name, value, target: `≥ ${min.toFixed(digits === 1 ? 0 : 2)}`, pass: r.median >= min };
    };
    const checks: Check[] = [
      check('(a)/(c) memory stub vs bare node:http', s.memory!, s.bare!, 0.6, 2),
      check('(b)/(c) SQLite stub vs bare node:http', s.sqlite!, s.bare!, 0.4, 2),
      check('(a)/(d) memory stub vs Prism mock', s.memory!, s.prism!, 10, 1),
      check('(a)/(a″) memory stub with vs without the Node hot path', s.memory!, s.general!, undefined, 2),
      { name: 'p99 of (a), ms', value: String(s.memory!.p99), target: '≤ 10', pass: s.memory!.p99 <= 10 },
      check(`(a′)/(a) ${LARGE_STORE.toLocaleString('en-US')} keys vs ${SMALL_STORE}`, s.large!, s.memory!, 0.9, 2),
    ];
    const non2xx = Object.values(s).filter((x) => x.non2xx > 0 || x.errors > 0);
    const notes = [
      `POST ${VALIDATE_PATH} with a valid Bearer key and \`${VALIDATE_BODY}\`; autocannon, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s per server, servers taking turns in rotating order; one machine (${
        (await import('node:os')).cpus().length
      } cores, Node ${process.version}), each server in its own process, autocannon in the bench process.`,
      `Rate limit: each bench key allows 100,000 validations an hour (the maximum), which a long run at these rates would use up; every round uses ${KEYS_PER_ROUND} fresh keys in turn, so no window fills. Only 2xx answers count. ${
        non2xx.length ? `Non-2xx or errors seen: ${non2xx.map((x) => `${x.label} ${JSON.stringify(x.statusCounts)}, ${x.errors} errors`).join('; ')}.` : 'No 429 or other non-2xx answer occurred.'
      }`,
      `Startup of the stub: ${stubStart.note}. Prism: \`prism mock\` of the spec, \`-v silent\`.`,
      `Server CPU µs/req: CPU time of the server process (from /proc) per 2xx answer; other load on the machine changes it far less than req/s.${
        s.memory!.cpuMicros && s.bare!.cpuMicros ? ` The memory stub spends ${(s.memory!.cpuMicros / s.bare!.cpuMicros).toFixed(1)}× the bare server's CPU per request.` : ''
      }`,
      ...(profileArgs.length ? ['CPU profile of the memory stub written to .tmp/profiles/ (summarise with `tsx scripts/bench-profile.ts <file>`).'] : []),
      `Whole run: ${Math.round((performance.now() - started) / 1000)} s.`,
    ];
    console.log(markdownReport(order.map((id) => s[id]!), checks, [
      { label: 'stub server (memory)', ms: stubStartupMs, runs: 3 },
      { label: 'Prism mock', ms: prismStartupMs, runs: 2 },
    ], notes));
  } finally {
    await Promise.all(running.map((t) => t.stop()));
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
