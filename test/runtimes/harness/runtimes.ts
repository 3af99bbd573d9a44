// Where the matrix finds each runtime: Node 20 is the one running the tests; Node 22 and 24, Bun,
// Deno and workerd come from runtimes/ (`npm ci --prefix runtimes`, pinned in its lockfile).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../runtime/built-package';

export type RuntimeId = 'node20' | 'node22' | 'node24' | 'bun' | 'deno' | 'workerd';

/** A runtime found on this machine, or why it is not there. */
export type LocatedRuntime = { found: true; command: string } | { found: false; reason: string };

/** The platform runtimes/package.json installs every runtime on; elsewhere a missing one is skipped. */
export const REFERENCE_PLATFORM = 'linux-x64';
export const PLATFORM = `${process.platform}-${process.arch}`;

const INSTALLED = join(ROOT, 'runtimes', 'node_modules');

/** Column titles of the results table, in order. */
export const RUNTIME_LABELS: Record<RuntimeId, string> = {
  node20: 'Node 20',
  node22: 'Node 22',
  node24: 'Node 24',
  bun: 'Bun',
  deno: 'Deno',
  workerd: 'workerd',
};

// The wrapper packages place the binary themselves when their install script runs; without it,
// it stays in the platform package npm picked for this OS and CPU.
const CANDIDATES: Record<Exclude<RuntimeId, 'node20'>, () => string[]> = {
  node22: () => ['node-22/bin/node'],
  node24: () => ['node-24/bin/node'],
  bun: () => ['bun/bin/bun.exe', ...inScope('@oven', 'bin/bun')],
  deno: () => ['deno/deno', ...inScope('@deno', 'deno')],
  workerd: () => ['workerd/bin/workerd', ...inScope('@cloudflare', 'bin/workerd')],
};

/**
 * The executable of a runtime. Missing on linux-x64 is an error to fix (`npm ci --prefix
 * runtimes`); missing on another platform means npm skipped its platform package there.
 *
 * @example
 * const bun = locateRuntime('bun'); // { found: true, command: '/repo/runtimes/node_modules/bun/bin/bun.exe' }
 */
export function locateRuntime(id: RuntimeId): LocatedRuntime {
  if (id === 'node20') {
    const major = Number(process.versions.node.split('.')[0]);
    return major === 20
      ? { found: true, command: process.execPath }
      : { found: false, reason: `the tests run on Node ${process.versions.node}, not Node 20` };
  }
  const command = CANDIDATES[id]()
    .map((file) => join(INSTALLED, file))
    .find(isBinary);
  if (command) return { found: true, command };
  return { found: false, reason: `${RUNTIME_LABELS[id]} is not installed on this platform (${PLATFORM})` };
}

/**
 * The command of a runtime for a row: on the reference platform a missing runtime throws (a red
 * row), elsewhere the row is skipped with the reason.
 *
 * @example
 * const runtime = runtimeForRow('deno'); // { command } or { skip: 'Deno is not installed on this platform (darwin-arm64)' }
 */
export function runtimeForRow(id: RuntimeId): { command: string } | { skip: string } {
  const located = locateRuntime(id);
  if (located.found) return { command: located.command };
  if (PLATFORM !== REFERENCE_PLATFORM) return { skip: located.reason };
  throw new Error(`${located.reason}: run \`npm ci --prefix runtimes\` (part of \`npm run setup\`)`);
}

function inScope(scope: string, file: string): string[] {
  const dir = join(INSTALLED, scope);
  return existsSync(dir) ? readdirSync(dir).map((name) => join(scope, name, file)) : [];
}

// A placeholder left by a wrapper whose install script did not run is a few hundred bytes.
function isBinary(file: string): boolean {
  return existsSync(file) && statSync(file).size > 1_000_000;
}

/**
 * The arguments that run a script file with a runtime. Deno gets only what the script needs:
 * loopback network, and for a server its environment and data folder.
 *
 * @example
 * scriptArgs('deno', 'sdk-entry.mjs', [url, token]); // ['run', '--allow-net=127.0.0.1', 'sdk-entry.mjs', url, token]
 */
export function scriptArgs(id: RuntimeId, script: string, args: string[], denoPermissions = ['--allow-net=127.0.0.1']): string[] {
  if (id === 'deno') return ['run', ...denoPermissions, script, ...args];
  return [script, ...args];
}
