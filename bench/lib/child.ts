/**
 * Runs each server under test in its own Node process, so the load generator in the bench
 * process never shares an event loop (or a CPU core) with it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** What a target process reports on stdout, as one JSON line, once it is listening. */
export type ReadyMessage = { ready: true; url: string; keys?: string[]; validBody?: unknown; /** A stub of the built package rather than the source. */ built?: boolean };

/** A running target process. */
export type TargetProcess = { ready: ReadyMessage; child: ChildProcess; stop(): Promise<void> };

/**
 * Starts `node [nodeArgs] --import tsx <file> [args]` and waits for its ready line.
 *
 * @example
 * const target = await startTarget('bench/targets/bare-server.ts', []);
 * console.log(target.ready.url);
 * await target.stop();
 */
export async function startTarget(file: string, args: string[], nodeArgs: string[] = [], timeoutMs = 120_000): Promise<TargetProcess> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', file, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await new Promise<ReadyMessage>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${file} did not report ready in ${timeoutMs} ms`)), timeoutMs);
    child.once('exit', (code) => reject(new Error(`${file} exited early with code ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      try {
        const message = JSON.parse(line) as Partial<ReadyMessage>;
        if (message.ready) {
          clearTimeout(timer);
          resolve(message as ReadyMessage);
        }
      } catch {
        // not our line
      }
    });
  });
  return { ready, child, stop: () => stopChild(child) };
}

/**
 * Stops a child process (SIGTERM, then SIGKILL after 5 s) and waits for it to exit.
 *
 * @example
 * await stopChild(spawn('node', ['server.js']));
 */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
