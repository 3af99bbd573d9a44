// `hokusai-auth mock`, the package's CLI server, started on a given runtime from the project
// with the README's command for that runtime.
import { join } from 'node:path';
import type { StartedProcess } from '../../support/processes';
import { childEnv, startServerChild } from './processes';
import { PROJECT_DIR } from './project';
import type { RuntimeId } from './runtimes';

/** What Deno needs to run the server: listen and call on loopback, read its settings and data file. */
export const DENO_SERVER_PERMISSIONS = ['--allow-net=127.0.0.1', '--allow-env', '--allow-read', '--allow-write'];

/**
 * The arguments of the README's command per runtime: `bunx --bun @hokusai/auth mock`,
 * `deno run <permissions> npm:@hokusai/auth mock`, and on Node the bin npm links (what
 * `npx hokusai-auth mock` runs).
 *
 * @example
 * serverArgs('bun', ['--memory']); // ['x', '--bun', '@hokusai/auth', 'mock', '--memory']
 */
export function serverArgs(id: RuntimeId, options: string[]): string[] {
  if (id === 'bun') return ['x', '--bun', '@hokusai/auth', 'mock', ...options];
  if (id === 'deno') return ['run', ...DENO_SERVER_PERMISSIONS, 'npm:@hokusai/auth', 'mock', ...options];
  return [join('node_modules', '.bin', 'hokusai-auth'), 'mock', ...options];
}

/**
 * Starts the CLI server (`--quiet --port 0`) with a runtime; the admin token goes through the
 * environment, never the command line.
 *
 * @example
 * const server = await startCliServer('bun', bunPath, token, ['--memory', '--test-controls']);
 */
export function startCliServer(id: RuntimeId, command: string, adminToken: string, options: string[]): Promise<StartedProcess> {
  const args = serverArgs(id, ['--quiet', '--port', '0', '--host', '127.0.0.1', ...options]);
  return startServerChild(command, args, { cwd: PROJECT_DIR, env: childEnv({ HOKUSAI_ADMIN_TOKEN: adminToken }) });
}
