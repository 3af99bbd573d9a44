/**
 * Runs Prism (node_modules/.bin/prism, 5.14.2) as a child process for contract tests: a
 * validation proxy in front of the stub server, or a mock of the spec.
 */
import { fileURLToPath } from 'node:url';
import { SPEC_FILE } from './contract-spec';
import { freePort, startProcess } from './processes';

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
  const prism = await startProcess(PRISM_BIN, args, { ready: { health: `http://127.0.0.1:${port}` }, timeoutMs });
  return { url: prism.url, stop: prism.stop, output: () => prism.output().slice(-20_000) };
}
