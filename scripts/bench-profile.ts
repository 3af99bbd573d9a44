/**
 * Summarises a V8 CPU profile (`node --cpu-prof`) of a server under load: where the time goes,
 * by function (self time), by file or package (self time) and by the project's own functions
 * (inclusive time). Samples before the first request (start-up, seeding) are left out: the
 * summary starts at the first sample whose stack is inside @hono/node-server or the fast transport.
 *
 * Usage: tsx scripts/bench-profile.ts <file.cpuprofile> [top=25]
 * Profiles come from `BENCH_PROFILE=1 npm run bench:server` (.tmp/profiles/).
 */
import { readFileSync } from 'node:fs';

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: tsx scripts/bench-profile.ts <file.cpuprofile> [top]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);

const shortUrl = (url: string) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/.*\/node_modules\/((@[^/]+\/)?[^/]+)\/.*/, 'npm:$1')
    .replace(/.*?\/(src|dist|bench|test)\//, '$1/');
const label = (f: CallFrame) => `${f.functionName || '(anonymous)'}  ${shortUrl(f.url)}${f.url ? `:${f.lineNumber + 1}` : ''}`;

function stackOf(id: number): ProfileNode[] {
  const stack: ProfileNode[] = [];
  for (let cur: number | undefined = id; cur !== undefined; cur = parentOf.get(cur)) stack.push(byId.get(cur)!);
  return stack;
}

const selfByFunction = new Map<string, number>();
const selfByFile = new Map<string, number>();
const inclusiveOwn = new Map<string, number>();
let total = 0;
let idle = 0;
let started = false;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  const stack = stackOf(id);
  if (!started) {
    started = stack.some((n) => n.callFrame.url.includes('@hono/node-server') || n.callFrame.functionName === 'answerDirectly');
    if (!started) return;
  }
  total += dt;
  const frame = stack[0]!.callFrame;
  if (frame.functionName === '(idle)') {
    idle += dt;
    return;
  }
  selfByFunction.set(label(frame), (selfByFunction.get(label(frame)) ?? 0) + dt);
  const where = frame.url ? shortUrl(frame.url).replace(/:\d+$/, '') : frame.functionName;
  selfByFile.set(where, (selfByFile.get(where) ?? 0) + dt);
  const seen = new Set<string>();
  for (const n of stack) {
    if (!/\/(src|dist)\//.test(n.callFrame.url)) continue;
    const key = label(n.callFrame);
    if (seen.has(key)) continue;
    seen.add(key);
    inclusiveOwn.set(key, (inclusiveOwn.get(key) ?? 0) + dt);
  }
});

const busy = total - idle;
const pct = (t: number) => `${((100 * t) / busy).toFixed(1).padStart(5)}%`;
const print = (title: string, map: Map<string, number>) => {
  console.log(`\n## ${title}`);
  for (const [key, t] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(t)}  ${key}`);
};
console.log(`${file}\nunder load: ${(total / 1e6).toFixed(2)} s, busy ${(busy / 1e6).toFixed(2)} s, idle ${((100 * idle) / (total || 1)).toFixed(0)}% (percentages below are of busy time)`);
print('self time by function', selfByFunction);
print('self time by file / package', selfByFile);
print('inclusive time of project functions (src/, or dist/ for the built package)', inclusiveOwn);
