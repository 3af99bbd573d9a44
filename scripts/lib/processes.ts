// The one way tests and benchmarks start another process (the server, Prism, an example, a
// benchmark target) and wait until it serves: its URL printed on stdout, or a URL that answers.
// Loopback only.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitForStatus } from './net';

/** The repository root, where npm scripts, `src/` and `examples/` are found. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A started process and what it printed. */
export interface StartedProcess {
  child: ChildProcess;
  /** Where it serves. */
  url: string;
  stdout(): string;
  stderr(): string;
  /** Both streams, as they came. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM (to its whole group when started with `group`), SIGKILL after 5 s; resolves once it exited. */
  stop(): Promise<void>;
}

/** How to start a process and know it serves. */
export interface StartOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /**
   * `printed`: the first match on stdout (its first group, if it has one) is the URL. `health`: poll `<url><path>` (default
   * `/health`) until it answers `status` (default 200); the URL is `health`.
   */
  ready: { printed: RegExp } | { health: string; path?: string; status?: number };
  /** Its own process group, so `stop` ends what it started too (`npm run`, `npx`). */
  group?: boolean;
  /** Also write its stderr to ours as it comes (a long benchmark run's diagnostics). */
  showStderr?: boolean;
  timeoutMs?: number;
}

/**
 * Spawns `command args` and resolves once it serves; rejects (and stops it) if it exits first
 * or is not ready in time, with what it printed.
 *
 * @example
 * const server = await startProcess(process.execPath, ['--import', 'tsx', 'src/server/main.ts', '--port', '0'], { ready: { printed: /http:\/\/127\.0\.0\.1:\d+/ } });
 * await fetch(`${server.url}/health`);
 * await server.stop();
 */
export async function startProcess(command: string, args: readonly string[], options: StartOptions): Promise<StartedProcess> {
  const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, detached: options.group ?? false, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => ((stdout += chunk.toString()), (output += chunk.toString())));
  child.stderr!.on('data', (chunk: Buffer) => ((stderr += chunk.toString()), (output += chunk.toString())));
  if (options.showStderr) child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  // `close`: the process has exited and its output is closed (so have the children it started).
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  const stop = () => stopChild(child, options.group ?? false, exited);
  const started = { child, stdout: () => stdout, stderr: () => stderr, output: () => output, exited, stop };
  try {
    const url = await Promise.race([
      waitUntilReady(options.ready, () => stdout, options.timeoutMs ?? 30_000),
      exited.then(({ code, signal }) => Promise.reject(new Error(`${command} exited (${code ?? signal}) before it served:\n${output}`))),
    ]);
    return { ...started, url };
  } catch (error) {
    await stop();
    throw error instanceof Error && !error.message.includes(output) ? new Error(`${error.message}\n${output}`) : error;
  }
}

async function waitUntilReady(ready: StartOptions['ready'], stdout: () => string, timeoutMs: number): Promise<string> {
  if ('health' in ready) {
    await waitForStatus(`${ready.health}${ready.path ?? '/health'}`, ready.status ?? 200, timeoutMs, 25);
    return ready.health;
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = ready.printed.exec(stdout());
    if (match) return match[1] ?? match[0];
    if (Date.now() > deadline) throw new Error(`not ready within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * SIGTERM to a child (to its whole group with `group`), SIGKILL after 5 s; resolves once it exited.
 *
 * @example
 * await stopChild(spawn('node', ['server.js']));
 */
export function stopChild(child: ChildProcess, group = false, exited: Promise<unknown> = new Promise((resolve) => child.once('close', resolve))): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const signal = (name: NodeJS.Signals) => {
    try {
      if (group && child.pid !== undefined) process.kill(-child.pid, name);
      else child.kill(name);
    } catch {
      // already gone
    }
  };
  const force = setTimeout(() => signal('SIGKILL'), 5_000);
  signal('SIGTERM');
  return exited.then(() => clearTimeout(force));
}
