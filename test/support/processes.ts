// Tests start other processes with scripts/lib/processes.ts (shared with the benchmarks); this
// adds the one they start most, the server as `npm start` runs it.
import { startProcess, type StartedProcess } from '../../scripts/lib/processes';

export { ROOT, startProcess, type StartedProcess, type StartOptions } from '../../scripts/lib/processes';
export { freePort, waitForStatus } from '../../scripts/lib/net';

/**
 * Runs `src/server/main.ts` (what `npm start` runs) and resolves once it printed its base URL.
 *
 * @example
 * const server = await startServerProcess(['--port', '0', '--memory']);
 */
export function startServerProcess(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 30_000): Promise<StartedProcess> {
  return startProcess(process.execPath, ['--import', 'tsx', 'src/server/main.ts', ...args], {
    env: { ...process.env, HOKUSAI_ADMIN_TOKEN: '', PORT: '', ...env },
    ready: { printed: /http:\/\/127\.0\.0\.1:\d+/ },
    timeoutMs,
  });
}
