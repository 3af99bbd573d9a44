// `hokusai-auth mock`, the package's CLI server, started on a given runtime from the project.
import { join } from 'node:path';
import { childEnv, startServerChild, type ServerChild } from './processes';
import { PROJECT_DIR } from './project';
import { scriptArgs, type RuntimeId } from './runtimes';

/** The bin as npm installs it in a project. */
export const CLI_FILE = join('node_modules', '@hokusai', 'auth', 'dist', 'cli', 'main.js');

/** What Deno needs to run the server: listen and call on loopback, read its settings and data file. */
export const DENO_SERVER_PERMISSIONS = ['--allow-net=127.0.0.1', '--allow-env', '--allow-read', '--allow-write'];

/**
 * Starts the CLI server (`mock --quiet --port 0`) with `runtime`; the admin token goes through
 * the environment, never the command line.
 *
 * @example
 * const server = await startCliServer('bun', bunPath, token, ['--memory', '--test-controls']);
 */
export function startCliServer(id: RuntimeId, command: string, adminToken: string, options: string[]): Promise<ServerChild> {
  const args = scriptArgs(id, CLI_FILE, ['mock', '--quiet', '--port', '0', '--host', '127.0.0.1', ...options], DENO_SERVER_PERMISSIONS);
  return startServerChild(command, args, { cwd: PROJECT_DIR, env: childEnv({ HOKUSAI_ADMIN_TOKEN: adminToken }) });
}
