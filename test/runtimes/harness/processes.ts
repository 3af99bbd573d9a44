// Child processes of the matrix: a script run to its end, a server run until stopped.
import { execFile, spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import type { Readable } from 'node:stream';

/** Output of a finished process. */
export interface Finished {
  stdout: string;
  stderr: string;
  code: number | null;
}

/**
 * Runs `command` to its end (never throws for a non-zero exit; the caller reads `code`).
 *
 * @example
 * const { stdout } = await runToEnd(process.execPath, ['--version']);
 */
export function runToEnd(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<Finished> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: options.cwd, env: options.env ?? childEnv(), timeout: options.timeoutMs ?? 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ stdout, stderr: error && code === null ? `${stderr}\n${error.message}` : stderr, code });
      },
    );
  });
}

/** The last line of stdout that parses as a JSON object, or an error quoting the output. */
export function lastJsonLine<T>(run: Finished, what: string): T {
  const line = run.stdout.trim().split('\n').reverse().find((text) => text.startsWith('{'));
  if (run.code === 0 && line) return JSON.parse(line) as T;
  throw new Error(`${what} exited with ${run.code}:\n${tail(run.stdout)}\n${tail(run.stderr)}`);
}

/** A running server process and its base URL. */
export interface ServerChild {
  url: string;
  child: ChildProcessByStdio<null, Readable, Readable>;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts a server that prints its base URL (`--quiet`), and waits for that line.
 *
 * @example
 * const server = await startServerChild(bun, ['main.js', 'mock', '--quiet', '--port', '0']);
 * await server.stop();
 */
export function startServerChild(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<ServerChild> {
  const { child, output, stop } = startProcess(command, args, options);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`no URL printed in ${options.timeoutMs ?? 60_000} ms:\n${tail(output())}`));
    }, options.timeoutMs ?? 60_000);
    const check = () => {
      const url = /^(http:\/\/\S+)$/m.exec(output())?.[1];
      if (!url) return;
      clearTimeout(timer);
      child.stdout.off('data', check);
      resolve({ url, child, output, stop });
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code} before printing its URL:\n${tail(output())}`));
    });
  });
}

/** A started process, its output so far, and a stop that waits for its exit. */
export interface StartedProcess {
  child: ChildProcessByStdio<null, Readable, Readable>;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts a long-running process (a server), collecting its output; `stop` sends SIGTERM, then
 * SIGKILL after 5 s.
 *
 * @example
 * const worker = startProcess(workerd, ['serve', 'config.capnp']);
 * await worker.stop();
 */
export function startProcess(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): StartedProcess {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(force);
  };
  return { child, output: () => output, stop };
}

/** The environment of a runtime child: the tests' own, without what the test runner injects. */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extra };
  delete env.NODE_OPTIONS;
  delete env.VITEST;
  delete env.VITEST_WORKER_ID;
  delete env.VITEST_POOL_ID;
  return env;
}

function tail(text: string): string {
  return text.trim().split('\n').slice(-20).join('\n');
}
