/** Loopback helpers shared by tests, benchmarks and scripts: a free port and "wait until this URL answers". */
import { createServer } from 'node:net';

/**
 * Asks the OS for a free TCP port on 127.0.0.1.
 *
 * @example
 * const port = await freePort(); // e.g. 41873
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Polls `url` every `intervalMs` until it answers `status`; resolves with the time it took.
 *
 * @example
 * const ms = await waitForStatus('http://127.0.0.1:8787/health', 200); // time until healthy
 */
export async function waitForStatus(url: string, status = 200, timeoutMs = 60_000, intervalMs = 5): Promise<number> {
  const started = performance.now();
  for (;;) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === status) return performance.now() - started;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > timeoutMs) throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
