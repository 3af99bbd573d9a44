// The command-line server, shared by `npm start` (src/server/main.ts) and `hokusai-auth mock`:
// parse the options, start, print how to use it, run until SIGINT/SIGTERM. Starts nothing on import.
import { DEFAULT_DATA_FILE, parseMainArgs, usage } from './cli-args';
import type { MainSettings } from './cli-args';
import { startServer } from './node';
import type { RunningServer } from './node';
import { QUICKSTART_ADMIN_TOKEN, seedQuickstartKey } from './quickstart';

/** Where the server command writes, and what it reads. */
export interface ServerCommandIo {
  env: Record<string, string | undefined>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** How the command is invoked, for its help (`npm start --`, `hokusai-auth mock`). */
  commandName: string;
}

/**
 * Runs the server command; resolves with the exit status: 0 after a clean stop (or `--help`),
 * 1 when the server cannot start or stop, 2 for bad options.
 *
 * @example
 * process.exitCode = await runServer(process.argv.slice(2), { env: process.env, stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), commandName: 'npm start --' });
 */
export async function runServer(argv: string[], io: ServerCommandIo): Promise<number> {
  let settings: MainSettings;
  try {
    settings = parseMainArgs(argv, io.env);
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n\n${usage(io.commandName)}`);
    return 2;
  }
  if (settings.help) {
    io.stdout(usage(io.commandName));
    return 0;
  }

  let server: RunningServer;
  try {
    server = await startServer({
      port: settings.port,
      host: settings.host,
      ...(settings.dataFile ? { dataFile: settings.dataFile } : { memory: true }),
      ...(settings.adminToken ? { adminToken: settings.adminToken } : {}),
      quiet: settings.quiet,
      testControls: settings.testControls ?? false,
    });
    if (settings.quickstart) await seedQuickstartKey(server.app);
  } catch (error) {
    io.stderr(`Could not start the server: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }

  // Listen for the stop signals before printing the URL: whoever waits for it may signal at once.
  const stopped = waitForStop(server, settings.quiet, io);
  const generatedToken = settings.adminToken ? undefined : server.adminToken;
  io.stdout(settings.quiet ? `${server.url}\n` : `${startupBanner(server.url, settings, generatedToken)}\n`);
  return stopped;
}

/** Resolves with the exit status once a signal has stopped the server; a second signal exits at once. */
function waitForStop(server: RunningServer, quiet: boolean, io: ServerCommandIo): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) process.exit(1);
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

/** URL, store, the generated token (once) and the quickstart's first curl line. */
function startupBanner(url: string, settings: MainSettings, generatedToken: string | undefined): string {
  const lines = [
    `Hokusai auth server listening on ${url}`,
    settings.dataFile
      ? `Store: SQLite file ${settings.dataFile}${settings.dataFile === DEFAULT_DATA_FILE ? ' (default; --memory to keep nothing)' : ''}`
      : 'Store: memory (everything is lost when the server stops)',
  ];
  if (settings.testControls) lines.push(`Test controls: on, under ${url}/__hokusai/ (admin token required)`);
  if (settings.quickstart) {
    lines.push(
      `Quickstart mode: admin token ${QUICKSTART_ADMIN_TOKEN}, and the quickstart's example key is seeded,`,
      'so every command of the quickstart works with only the host changed. For local use only.',
    );
  } else if (generatedToken) {
    lines.push(
      `Admin token (generated, shown only now): ${generatedToken}`,
      'Set HOKUSAI_ADMIN_TOKEN or pass --admin-token to choose your own.',
    );
  }
  lines.push(
    '',
    settings.quickstart ? 'Quickstart step 1:' : 'Quickstart step 1 (replace YOUR_ADMIN_TOKEN with the admin token):',
    `curl -X POST ${url}/api/v1/keys \\`,
    '-H "Authorization: Bearer YOUR_ADMIN_TOKEN" \\',
    '-H "Content-Type: application/json" \\',
    "-d '{",
    '"name": "My First Key",',
    '"service_id": "prediction",',
    '"scopes": ["predict"],',
    '"environment": "test"',
    "}'",
    '',
    'Press Ctrl+C to stop.',
  );
  return lines.join('\n');
}
