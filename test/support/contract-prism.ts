/**
 * Runs Prism (node_modules/.bin/prism, 5.14.2) as a child process for contract tests: a
 * validation proxy in front of the stub server, or a mock of the spec.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
// The process and port helpers of the benchmarks, which start servers the same way.
import { stopChild } from '../../bench/lib/child';
import { freePort } from '../../bench/lib/net';
import { SPEC_FILE } from './contract-spec';

const PRISM_BIN = fileURLToPath(new URL('../../node_modules/.bin/prism', import.meta.url));

/** A running Prism process. */
export type PrismProcess = { url: string; stop(): Promise<void>; output(): string };

/** How to run Prism. */
export type PrismOptions =
  | { mode: 'proxy'; upstream: string; errors: boolean; port?: number }
  | { mode: 'mock'; errors?: boolean; port?: number };

/**
 * Starts `prism proxy|mock` on the project spec and resolves once it answers `GET /health`
 * with 200 (forwarded to the upstream in proxy mode).
 *
 * @example
 * const prism = await startPrism({ mode: 'proxy', upstream: stub.url, errors: true });
 * await fetch(`${prism.url}/health`);
 * await prism.stop();
 */
export async function startPrism(options: PrismOptions, timeoutMs = 30_000): Promise<PrismProcess> {
  const port = options.port ?? (await freePort());
  const args =
    options.mode === 'proxy'
      ? ['proxy', SPEC_FILE, options.upstream]
      : ['mock', SPEC_FILE];
  args.push('-p', String(port), '-h', '127.0.0.1', `--errors=${options.errors ? 'true' : 'false'}`, '--multiprocess=false');
  const child = spawn(PRISM_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prism exited with code ${child.exitCode}:\n${log}`);
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > timeoutMs) {
      await stopChild(child);
      throw new Error(`prism did not answer within ${timeoutMs} ms:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, stop: () => stopChild(child), output: () => log };
}
