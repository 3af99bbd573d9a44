// Runs a file of examples/ the way its header says (`npx tsx examples/x.ts`) as a child
// process, with the stub server's URL and token in its environment.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The environment of an example: this process's, minus any Hokusai settings, plus `env`. */
function exampleEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('HOKUSAI_') && name !== 'PORT'));
  return { ...base, ...env };
}

/** A running example. */
export interface ExampleProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
  /** Stops the example and everything it started (its own process group). */
  stop(): Promise<void>;
}

/**
 * Starts `npx tsx <file>` in its own process group.
 *
 * @example
 * const example = startExample('examples/quickstart.ts', { HOKUSAI_AUTH_URL: url });
 * await example.exited;
 */
export function startExample(file: string, env: Record<string, string>): ExampleProcess {
  const child = spawn('npx', ['tsx', file], { cwd: ROOT, env: exampleEnv(env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
      await exited;
    },
  };
}

/**
 * Resolves with the first match of `pattern` in the example's stdout; rejects if it exits first
 * or prints nothing matching within `timeoutMs`.
 *
 * @example
 * const [url] = await waitForOutput(example, /http:\/\/127\.0\.0\.1:\d+/);
 */
export function waitForOutput(example: ExampleProcess, pattern: RegExp, timeoutMs = 30_000): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(example.stdout());
      if (!match) return;
      cleanup();
      resolve(match);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no ${pattern} in the output within ${timeoutMs} ms:\n${example.stdout()}\n${example.stderr()}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      example.child.stdout?.off('data', check);
    };
    example.child.stdout?.on('data', check);
    void example.exited.then((code) => {
      cleanup();
      reject(new Error(`the example exited (${code}) before printing ${pattern}:\n${example.stdout()}\n${example.stderr()}`));
    });
    check();
  });
}
