/**
 * Runs each server under test in its own Node process, so the load generator in the bench
 * process never shares an event loop (or a CPU core) with it.
 */
import type { ChildProcess } from 'node:child_process';
import { startProcess } from '../../scripts/lib/processes';

/** What a target process reports on stdout, as one JSON line, once it is listening. */
export type ReadyMessage = { ready: true; url: string; keys?: string[]; validBody?: unknown; /** A stub of the built package rather than the source. */ built?: boolean };

/** A running target process. */
export type TargetProcess = { ready: ReadyMessage; child: ChildProcess; stop(): Promise<void> };

/** The ready line, as `JSON.stringify({ ready: true, … })` writes it. */
const READY_LINE = /^\{"ready":true.*$/m;

/**
 * Starts `node [nodeArgs] --import tsx <file> [args]` and waits for its ready line.
 *
 * @example
 * const target = await startTarget('bench/targets/bare-server.ts', []);
 * console.log(target.ready.url);
 * await target.stop();
 */
export async function startTarget(file: string, args: string[], nodeArgs: string[] = [], timeoutMs = 120_000): Promise<TargetProcess> {
  const started = await startProcess(process.execPath, [...nodeArgs, '--import', 'tsx', file, ...args], { ready: { printed: READY_LINE }, showStderr: true, timeoutMs });
  return { ready: JSON.parse(started.url) as ReadyMessage, child: started.child, stop: started.stop };
}
