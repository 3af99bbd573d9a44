// `hokusai-auth mock`: runs the local stub server, with exactly the options of `npm start`
// (the server's own argument parser and help), until SIGINT or SIGTERM.
import type { RawCommand } from '../command';
import type { CliIo } from '../io';
import { UsageError } from '../usage-error';

// Loaded on demand, so the API commands never load the server (hono, SQLite).
const loadArgs = () => import('../../server/cli-args');
const loadServer = () => import('../../server/node');

const SHUTDOWN_NOTE =
  'Stops on Ctrl+C (SIGINT) or SIGTERM: finishes in-flight requests, closes the store, exits with 0.\n';

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
    const { USAGE } = await loadArgs();
    return `${USAGE.replace(/npm start -- \[options\]/, 'hokusai-auth mock [options]').trimEnd()}\n\n${SHUTDOWN_NOTE}`;
  },
  async run(argv, io) {
    const { parseMainArgs } = await loadArgs();
    let settings: ReturnType<typeof parseMainArgs>;
    try {
      settings = parseMainArgs(argv, io.env as NodeJS.ProcessEnv);
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error), 'mock');
    }
    if (settings.help) {
      io.stdout(await this.help());
      return 0;
    }

    const { startServer } = await loadServer();
    let server: Awaited<ReturnType<typeof startServer>>;
    try {
      server = await startServer({
        port: settings.port,
        host: settings.host,
        ...(settings.dataFile ? { dataFile: settings.dataFile } : { memory: true }),
        ...(settings.adminToken ? { adminToken: settings.adminToken } : {}),
        quiet: settings.quiet,
      });
    } catch (error) {
      io.stderr(`Could not start the server: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }

    io.stdout(
      settings.quiet
        ? `${server.url}\n`
        : banner(server.url, settings.dataFile, settings.adminToken ? undefined : server.adminToken),
    );
    return waitForStop(server, settings.quiet, io);
  },
};

/** Resolves with the exit status once a signal has stopped the server. */
function waitForStop(server: { close(): Promise<void> }, quiet: boolean, io: CliIo): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) process.exit(1); // a second signal: stop now
      stopping = true;
      if (!quiet) io.stdout(`\n${signal} received: finishing in-flight requests and closing the store...\n`);
      server.close().then(
        () => done(0),
        (error: unknown) => {
          io.stderr(`Could not stop cleanly: ${error instanceof Error ? error.message : String(error)}\n`);
          done(1);
        },
      );
    };
    const done = (code: number) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(code);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** URL, store, the generated admin token (only when generated, once) and how to use the server. */
function banner(url: string, dataFile: string | undefined, generatedToken: string | undefined): string {
  const lines = [
    `Hokusai auth server listening on ${url}`,
    dataFile ? `Store: SQLite file ${dataFile}` : 'Store: memory (everything is lost when the server stops)',
  ];
  if (generatedToken) {
    lines.push(
      `Admin token (generated, shown only now): ${generatedToken}`,
      'Set HOKUSAI_ADMIN_TOKEN or pass --admin-token to choose your own.',
    );
  }
  lines.push(
    '',
    'Use it from another terminal:',
    `  export HOKUSAI_AUTH_URL=${url}`,
    generatedToken ? '  export HOKUSAI_ADMIN_TOKEN=<the admin token above>' : '  export HOKUSAI_ADMIN_TOKEN=<your admin token>',
    '  hokusai-auth keys create --name "My First Key" --service prediction --scope predict --env test',
    '',
    'Press Ctrl+C to stop.',
  );
  return `${lines.join('\n')}\n`;
}
