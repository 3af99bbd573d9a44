// `hokusai-auth mock`: the local stub server, exactly as `npm start` runs it (same options, help,
// banner and shutdown), until SIGINT or SIGTERM.
import type { RawCommand } from '../command';
import { UsageError } from '../usage-error';

// Loaded on demand, so the API commands never load the server (hono, SQLite).
const loadServerCommand = () => import('../../server/run-server');
const loadArgs = () => import('../../server/cli-args');

/**
 * `mock`: exit 0 after a clean stop, 1 when the server cannot start, 2 for bad options.
 *
 * @example
 * process.exitCode = await mockCommand.run(['--port', '0', '--memory'], io);
 */
export const mockCommand: RawCommand = {
  name: 'mock',
  summary: 'Run the local stub server (the options of npm start)',
  usage: '[options]',
  raw: true,
  async help() {
    const { usage } = await loadArgs();
    return usage('hokusai-auth mock');
  },
  async run(argv, io) {
    // Options are checked here first so that mistakes read like every other command's.
    const { parseMainArgs } = await loadArgs();
    try {
      if (parseMainArgs(argv, io.env).help) {
        io.stdout(await this.help());
        return 0;
      }
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error), 'mock');
    }
    const { runServer } = await loadServerCommand();
    return runServer(argv, { env: io.env, stdout: io.stdout, stderr: io.stderr, commandName: 'hokusai-auth mock' });
  },
};
