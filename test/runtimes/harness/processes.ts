// Child processes of the matrix: a script run to its end, a server run until stopped (started
// the tests' one way, test/support/processes.ts).
import { execFile } from 'node:child_process';
import { startProcess, type StartedProcess } from '../../support/processes';

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

/**
 * Starts a server that prints its base URL on a line of its own (`--quiet`), and waits for it.
 *
 * @example
 * const server = await startServerChild(bun, ['main.js', 'mock', '--quiet', '--port', '0']);
 * await server.stop();
 */
export function startServerChild(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<StartedProcess> {
  return startProcess(command, args, { cwd: options.cwd, env: options.env ?? childEnv(), ready: { printed: /^http:\/\/\S+$/m }, timeoutMs: options.timeoutMs ?? 60_000 });
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
