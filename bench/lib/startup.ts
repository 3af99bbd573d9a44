/** Time from spawning a server process to its first 200 from GET /health. */
import { spawn } from 'node:child_process';
import { freePort, waitForStatus } from '../../scripts/lib/net';
import { stopChild } from '../../scripts/lib/processes';

/** How to start one server on a given port. */
export type StartCommand = { command: string; args: (port: number) => string[]; env?: Record<string, string> };

/**
 * Spawns the server `runs` times, one after the other, and returns the median time (ms) from
 * `spawn()` to the first 200 from `/health` (polled every 5 ms).
 *
 * @example
 * const ms = await timeToHealthy({ command: process.execPath, args: (p) => ['dist/cli/main.js', 'mock', '--port', String(p)] }, 3);
 */
export async function timeToHealthy(start: StartCommand, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const port = await freePort();
    const t0 = performance.now();
    const child = spawn(start.command, start.args(port), { stdio: 'ignore', env: { ...process.env, ...start.env } });
    try {
      await waitForStatus(`http://127.0.0.1:${port}/health`, 200, 60_000, 5);
      times.push(performance.now() - t0);
    } finally {
      await stopChild(child);
    }
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
