/**
 * `npm run bench:server`: throughput and latency of POST /api/v1/keys/validate with a valid
 * Bearer key, on the stub server (memory; memory without the Node hot path; memory with
 * 100,000 keys; SQLite), on a bare node:http server answering the same JSON (the ceiling), the
 * same bare server sending the stub's headers too (what the headers alone cost), and on the
 * Prism mock of the spec; then the time from process start to the first 200 from /health.
 *
 * Every server runs in its own child process, started afresh for each round; the load generator
 * (autocannon) runs here. The targets take turns, one run each per round, and the order rotates
 * every round, so machine noise hits all of them alike. Results are medians over the rounds.
 *
 * Ratios are taken round by round (both targets measured seconds apart) and their median
 * reported, so the machine's drift between rounds cancels out.
 *
 * Environment: BENCH_SECONDS (per round, default 5), BENCH_ROUNDS (default 5),
 * BENCH_PROFILE=1 (write a CPU profile of the memory stub to .tmp/profiles/),
 * BENCH_TARGETS (a comma list of target ids, default all: memory, general, large, sqlite, bare,
 * bareHeaders, prism), BENCH_BASELINE=<dir> (another checkout of this repository, with its
 * node_modules and, to compare like with like, its build: its memory stub runs as target
 * `baseline`, beside this one, round by round, started by this checkout's target script).
 *
 * The stubs are the built package (`dist/`, what `npx hokusai-auth mock` runs) when there is a
 * build, else the source through tsx, which is slower; the labels say so.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTarget, type TargetProcess } from './lib/child';
import { runRound, VALIDATE_BODY, VALIDATE_PATH, type RoundResult } from './lib/load';
import { freePort } from '../scripts/lib/net';
import { startProcess } from '../scripts/lib/processes';
import { markdownReport, pairedCpuRatio, pairedRatio, summarise, type Check, type TargetSummary } from './lib/report';
import { timeToHealthy, type StartCommand } from './lib/startup';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SPEC = join(ROOT, 'spec/hokusai-auth.openapi.yaml');
const PRISM = join(ROOT, 'node_modules/.bin/prism');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = 20;
/** Keys each stub hands out; requests cycle through them, so no hourly window fills. */
const BENCH_KEYS = 4;
const BASELINE = process.env.BENCH_BASELINE;
const ALL = ['memory', 'general', 'large', 'sqlite', 'bare', 'bareHeaders', 'prism', ...(BASELINE ? ['baseline'] : [])];
const ORDER = process.env.BENCH_TARGETS ? ALL.filter((id) => process.env.BENCH_TARGETS!.split(',').includes(id) || id === 'baseline') : ALL;
// The bare servers answer with the memory stub's body and headers: it always runs.
if (!ORDER.includes('memory')) ORDER.unshift('memory');
const SMALL_STORE = 10;
const LARGE_STORE = 100_000;

type Target = { id: string; label: string; url: string; pid: number | undefined; stop(): Promise<void> };

const log = (message: string) => process.stderr.write(`${message}\n`);

/** A stub of this checkout, or of `root` (the baseline), started by this checkout's target script. */
async function startStub(id: string, label: string, args: string[], nodeArgs: string[] = [], root = ROOT): Promise<TargetProcess & { label: string; id: string }> {
  const target = await startTarget(join(ROOT, 'bench/targets/stub-server.ts'), [...args, '--root', root], nodeArgs);
  return Object.assign(target, { label: `${label}${target.ready.built ? '' : ' (source, not built)'}`, id });
}

async function startPrismMock(): Promise<Target> {
  const port = await freePort();
  // `-v silent`: Prism at its fastest (no per-request logging), the conservative comparison.
  const url = `http://127.0.0.1:${port}`;
  const prism = await startProcess(PRISM, ['mock', SPEC, '-p', String(port), '-h', '127.0.0.1', '-v', 'silent', '--multiprocess=false'], {
    ready: { health: url },
    timeoutMs: 60_000,
  });
  return { id: 'prism', label: '(d) Prism mock of the spec', url, pid: prism.child.pid, stop: prism.stop };
}

/** The memory stub's answer to a valid key: its body, and its headers but those node:http adds itself. */
async function validAnswerFrom(url: string, key: string): Promise<{ body: string; headers: Record<string, string> }> {
  const res = await fetch(`${url}${VALIDATE_PATH}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: VALIDATE_BODY,
  });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`the memory stub answered ${res.status} to a valid key`);
  const added = new Set(['date', 'connection', 'keep-alive', 'content-length', 'x-request-id']);
  const headers = Object.fromEntries([...res.headers].filter(([name]) => !added.has(name)));
  return { body, headers };
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

/** Every target, freshly started: the stubs seeded, the bare servers given the stub's answer. */
async function startTargets(round: number, tmp: string, profileArgs: string[], running: Target[]): Promise<{ targets: Target[]; keysOf: Map<string, string[]>; headerCount: number }> {
  const stubArgs = (store: string, keys: number, ...more: string[]) => ['--store', store, '--keys', String(keys), '--bench-keys', String(BENCH_KEYS), ...more];
  const wanted = (id: string) => ORDER.includes(id);
  const started = await Promise.all([
    startStub('memory', '(a) stub, memory', stubArgs('memory', SMALL_STORE), profileArgs),
    ...(wanted('general') ? [startStub('general', '(a″) stub, memory, without the Node fast transport', stubArgs('memory', SMALL_STORE, '--general-path-only'))] : []),
    ...(wanted('large') ? [startStub('large', `(a′) stub, memory, ${LARGE_STORE.toLocaleString('en-US')} keys`, stubArgs('memory', LARGE_STORE))] : []),
    ...(wanted('sqlite') ? [startStub('sqlite', '(b) stub, SQLite file', stubArgs('sqlite', SMALL_STORE, '--file', join(tmp, `bench-${round}.db`)))] : []),
    ...(BASELINE ? [startStub('baseline', `(a°) stub, memory, from ${BASELINE}`, stubArgs('memory', SMALL_STORE), [], BASELINE)] : []),
  ]);
  running.push(...started.map((t) => ({ id: t.id, label: t.label, url: t.ready.url, pid: t.child.pid, stop: t.stop })));
  if (wanted('prism')) running.push(await startPrismMock());
  const keysOf = new Map<string, string[]>(started.map((t) => [t.id, t.ready.keys ?? []]));
  // The bare servers and Prism do not check keys: give them the memory stub's, so every
  // target gets the same requests.
  const memoryKeys = keysOf.get('memory')!;
  for (const id of ['prism', 'bare', 'bareHeaders']) keysOf.set(id, memoryKeys);
  const answer = await validAnswerFrom(started[0]!.ready.url, memoryKeys[0]!);
  const headerCount = Object.keys(answer.headers).length + 2;
  const bare = await startTarget(join(ROOT, 'bench/targets/bare-server.ts'), [answer.body]);
  running.push({ id: 'bare', label: '(c) bare node:http, same JSON', url: bare.ready.url, pid: bare.child.pid, stop: bare.stop });
  const withHeaders = await startTarget(join(ROOT, 'bench/targets/bare-server.ts'), [answer.body, JSON.stringify(answer.headers)]);
  running.push({
    id: 'bareHeaders',
    label: `(c′) bare node:http, same JSON and the stub's ${headerCount} headers`,
    url: withHeaders.ready.url,
    pid: withHeaders.child.pid,
    stop: withHeaders.stop,
  });
  return { targets: ORDER.map((id) => running.find((t) => t.id === id)!), keysOf, headerCount };
}

async function main(): Promise<void> {
  const started = performance.now();
  const tmp = mkdtempSync(join(tmpdir(), 'hokusai-bench-'));
  const profileArgs = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, '.tmp/profiles')}`] : [];
  if (profileArgs.length) mkdirSync(join(ROOT, '.tmp/profiles'), { recursive: true });
  const running: Target[] = [];
  try {
    const results = new Map<string, RoundResult[]>(ORDER.map((id) => [id, []]));
    const labels = new Map<string, string>();
    for (let round = 0; round < ROUNDS; round += 1) {
      // Fresh processes every round: one process of the same code can run a third faster or
      // slower than the next for its whole life, so each round draws its own.
      log(`round ${round + 1}/${ROUNDS}: starting targets (seeding ${LARGE_STORE.toLocaleString('en-US')} keys takes a moment)…`);
      const { targets, keysOf } = await startTargets(round, tmp, profileArgs, running);
      for (const t of targets) labels.set(t.id, t.label);
      for (const t of targets) await runRound(t.url, keysOf.get(t.id)!, 1, CONNECTIONS);
      const rotated = [...targets.slice(round % targets.length), ...targets.slice(0, round % targets.length)];
      for (const t of rotated) {
        const r = await runRound(t.url, keysOf.get(t.id)!, SECONDS, CONNECTIONS, t.pid);
        results.get(t.id)!.push(r);
        log(`round ${round + 1}/${ROUNDS} ${t.label}: ${Math.round(r.rps)} req/s, p99 ${r.p99} ms${r.non2xx ? `, non-2xx ${JSON.stringify(r.statusCounts)}` : ''}`);
      }
      await Promise.all(running.map((t) => t.stop()));
      running.length = 0;
    }

    log('startup: time to the first 200 from /health');
    const stubStart = stubStartCommand();
    const stubStartupMs = await timeToHealthy(stubStart.command, 3);
    const prismStartupMs = ORDER.includes('prism')
      ? await timeToHealthy({ command: PRISM, args: (port) => ['mock', SPEC, '-p', String(port), '-h', '127.0.0.1', '-v', 'silent', '--multiprocess=false'] }, 2)
      : undefined;

    const s = Object.fromEntries(ORDER.map((id) => [id, summarise(labels.get(id)!, results.get(id)!)])) as Record<string, TargetSummary>;
    const check = (name: string, a: TargetSummary | undefined, b: TargetSummary | undefined, min: number | undefined, digits: number): Check[] => {
      if (!a || !b) return [];
      const r = pairedRatio(a, b);
      const value = `${r.median.toFixed(digits)} (rounds ${r.min.toFixed(digits)}–${r.max.toFixed(digits)})`;
      if (min === undefined) return [{ name, value, target: '–' }];
      return [{ name, value, target: `≥ ${min.toFixed(digits === 1 ? 0 : 2)}`, pass: r.median >= min }];
    };
    const cpuCheck = (name: string, a: TargetSummary | undefined, b: TargetSummary | undefined, max: number): Check[] => {
      const r = a && b ? pairedCpuRatio(a, b) : undefined;
      if (!r) return [];
      return [{ name, value: `${r.median.toFixed(2)} (rounds ${r.min.toFixed(2)}–${r.max.toFixed(2)})`, target: `≤ ${max.toFixed(2)}`, pass: r.median <= max }];
    };
    const checks: Check[] = [
      ...check('(a)/(c) memory stub vs bare node:http', s.memory, s.bare, 0.6, 2),
      ...check('(a)/(c′) memory stub vs bare node:http with the same headers, req/s', s.memory, s.bareHeaders, 0.8, 2),
      ...cpuCheck('(a)/(c′) the same, server CPU per request', s.memory, s.bareHeaders, 1.25),
      ...check('(a)/(a°) memory stub vs the baseline checkout, req/s', s.memory, s.baseline, 0.9, 2),
      ...cpuCheck('(a)/(a°) the same, server CPU per request', s.memory, s.baseline, 1.1),
      ...check('(b)/(c) SQLite stub vs bare node:http', s.sqlite, s.bare, 0.4, 2),
      ...check('(a)/(d) memory stub vs Prism mock', s.memory, s.prism, 10, 1),
      ...check('(a)/(a″) memory stub with vs without the Node fast transport', s.memory, s.general, undefined, 2),
      ...check('(c′)/(c) the stub\'s headers alone, on the bare server', s.bareHeaders, s.bare, undefined, 2),
      { name: 'p99 of (a), ms', value: String(s.memory!.p99), target: '≤ 10', pass: s.memory!.p99 <= 10 },
      ...check(`(a′)/(a) ${LARGE_STORE.toLocaleString('en-US')} keys vs ${SMALL_STORE}`, s.large, s.memory, 0.9, 2),
    ];
    const non2xx = Object.values(s).filter((x) => x.non2xx > 0 || x.errors > 0);
    const startupRows = [{ label: 'stub server (memory)', ms: stubStartupMs, runs: 3 }, ...(prismStartupMs === undefined ? [] : [{ label: 'Prism mock', ms: prismStartupMs, runs: 2 }])];
    const notes = [
      `POST ${VALIDATE_PATH} with a valid Bearer key and \`${VALIDATE_BODY}\`; autocannon, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s per server, servers taking turns in rotating order, every server started afresh each round; one machine (${
        (await import('node:os')).cpus().length
      } cores, Node ${process.version}), each server in its own process, autocannon in the bench process.`,
      `Rate limit: each bench key allows 100,000 validations an hour (the maximum), which a long run at these rates would use up; each stub hands out ${BENCH_KEYS} keys, requests cycle through them and every round starts fresh processes, so no window fills. Only 2xx answers count. ${
        non2xx.length ? `Non-2xx or errors seen: ${non2xx.map((x) => `${x.label} ${JSON.stringify(x.statusCounts)}, ${x.errors} errors`).join('; ')}.` : 'No 429 or other non-2xx answer occurred.'
      }`,
      `Startup of the stub: ${stubStart.note}. Prism: \`prism mock\` of the spec, \`-v silent\`.`,
      `Server CPU µs/req: CPU time of the server process (from /proc) per 2xx answer; the machine may be shared, so compare the per-round ratios, not the absolute figures.${
        s.memory!.cpuMicros && s.bare?.cpuMicros ? ` The memory stub spends ${(s.memory!.cpuMicros / s.bare.cpuMicros).toFixed(1)}× the bare server's CPU per request.` : ''
      }`,
      ...(profileArgs.length ? ['CPU profile of the memory stub written to .tmp/profiles/ (summarise with `tsx scripts/bench-profile.ts <file>`).'] : []),
      `Whole run: ${Math.round((performance.now() - started) / 1000)} s.`,
    ];
    console.log(markdownReport(ORDER.map((id) => s[id]!), checks, startupRows, notes));
  } finally {
    await Promise.all(running.map((t) => t.stop()));
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
