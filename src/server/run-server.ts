// The command-line server, shared by `npm start` (src/server/main.ts) and `hokusai-auth mock`:
// parse the options, start, print how to use it, run until SIGINT/SIGTERM. Starts nothing on import.
import { fileURLToPath } from 'node:url';
import { keptAdminToken } from './admin-token-file';
import { readApiDescription } from './api-description';
import { DEFAULT_DATA_FILE, parseMainArgs, usage } from './cli-args';
import type { MainSettings } from './cli-args';
import { startServer } from './node';
import type { RunningServer } from './node';
import { seedQuickstartKey } from './quickstart';
import { memoryFallbackNotice, sqliteUnavailable } from './sqlite-fallback';
import { startupBanner } from './startup-banner';
import { whenNpmExits } from './stop-with-npm';
import type { AdminTokenOrigin } from './startup-banner';

// The package root, two folders up both from src/server/ (npm start) and from dist/cli/ (the bin).
const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

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
  let origin: AdminTokenOrigin;
  try {
    // The default store needs an optional peer: without it, run in memory rather than fail. An
    // explicit --data fails with the install command. Either way before any file is written.
    const unavailable = settings.dataFile ? sqliteUnavailable() : undefined;
    if (unavailable !== undefined && settings.dataFile !== DEFAULT_DATA_FILE) throw new Error(unavailable);
    if (unavailable !== undefined) {
      io.stderr(memoryFallbackNotice(settings.dataFile!));
      settings = { ...settings, dataFile: undefined };
    }
    const kept = settings.adminToken === undefined && settings.dataFile ? keptAdminToken(settings.dataFile, { rotate: settings.rotateAdminToken ?? false }) : undefined;
    const adminToken = settings.adminToken ?? kept?.token;
    server = await startServer({
      port: settings.port,
      host: settings.host,
      ...(settings.dataFile ? { dataFile: settings.dataFile } : { memory: true }),
      ...(adminToken ? { adminToken } : {}),
      quiet: settings.quiet,
      // Quickstart mode seeds its example key through the test kit (local use only).
      testKit: settings.quickstart ?? false,
      testControls: settings.testControls ?? false,
      ...(settings.quiet ? {} : { requestLog: { format: settings.logFormat, write: io.stderr } }),
      apiDescription: readApiDescription(PACKAGE_ROOT),
      adminCorsOrigins: settings.corsOrigins,
      ...(settings.initialCredits ? { initialCredits: settings.initialCredits } : {}),
      ...(settings.registration ? { registration: settings.registration } : {}),
    });
    origin = settings.adminTokenSource
      ? { kind: settings.adminTokenSource }
      : kept
        ? { kind: 'kept', ...kept }
        : { kind: 'memory', token: server.adminToken };
    if (settings.quickstart) await seedQuickstartKey(server.app);
  } catch (error) {
    io.stderr(`Could not start the server: ${startFailure(error, settings)}\n`);
    return 1;
  }

  for (const warning of server.warnings) io.stderr(`${warning}\n`);
  // Listen for the stop signals before printing the URL: whoever waits for it may signal at once.
  const stopped = waitForStop(server, settings.quiet, io);
  io.stdout(settings.quiet ? `${server.url}\n` : startupBanner(server.url, settings, origin));
  return stopped;
}

/** The reason a start failed, with the fix when there is an obvious one. */
function startFailure(error: unknown, settings: MainSettings): string {
  const message = error instanceof Error ? error.message : String(error);
  if ((error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE') {
    return `${message}: port ${settings.port} is taken (another server still running?). Choose another with --port <n> or PORT=<n>, or 0 for any free port.`;
  }
  return message;
}

/**
 * Resolves with the exit status once a signal (or, run by npm, npm's exit) has stopped the
 * server; a second signal exits at once.
 */
function waitForStop(server: RunningServer, quiet: boolean, io: ServerCommandIo): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (reason: string) => {
      if (stopping) process.exit(1);
      stopping = true;
      if (!quiet) io.stdout(`\n${reason}: finishing in-flight requests and closing the store...\n`);
      server.close().then(
        () => done(0),
        (error: unknown) => {
          io.stderr(`Could not stop cleanly: ${error instanceof Error ? error.message : String(error)}\n`);
          done(1);
        },
      );
    };
    const onSignal = (signal: NodeJS.Signals) => stop(`${signal} received`);
    const cancelNpmWatch = whenNpmExits(io.env, () => stop('npm exited'));
    const done = (code: number) => {
      cancelNpmWatch();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(code);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
