import { parseArgs } from 'node:util';
import { QUICKSTART_ADMIN_TOKEN } from './quickstart';

/** The settings `npm start` runs with. */
export interface MainSettings {
  port: number;
  host: string;
  dataFile: string | undefined;
  adminToken: string | undefined;
  quiet: boolean;
  /** Serve the `/__hokusai/*` test-control routes (present only when asked for). */
  testControls?: boolean;
  /** Admin token `YOUR_ADMIN_TOKEN` and the quickstart's key seeded (present only when asked for). */
  quickstart?: boolean;
  help: boolean;
}

export const DEFAULT_DATA_FILE = '.hokusai-auth/hokusai-auth.sqlite';

/**
 * The help of the server command, for the name it is run by.
 *
 * @example
 * usage('hokusai-auth mock'); // 'Usage: hokusai-auth mock [options] ...'
 */
export const usage = (commandName: string): string => `Usage: ${commandName} [options]

Runs the local Hokusai auth server.

Options:
  --port <n>           TCP port (default: $PORT or 8787)
  --host <address>     Interface to listen on (default: 127.0.0.1)
  --data <file>        SQLite file to keep keys and usage in (default: ${DEFAULT_DATA_FILE})
  --memory             Keep everything in memory (lost on exit)
  --admin-token <t>    Admin token (default: $HOKUSAI_ADMIN_TOKEN, else a new one, printed once)
  --test-controls      Serve the test controls under /__hokusai/* (admin token required):
                       move the clock, seed keys, inject failures, reset. Implies --memory
                       unless --data is given
  --quickstart         Run the quickstart word for word: admin token YOUR_ADMIN_TOKEN (unless
                       given) and its example key hk_test_AbCd...3456 seeded. Implies --memory
                       unless --data is given. For local use only
  --quiet              Print only the base URL
  -h, --help           Show this help

Stops on Ctrl+C (SIGINT) or SIGTERM: finishes in-flight requests, closes the store, exits with 0.
`;

/** Parses `argv` and the environment; throws a TypeError with a readable message on bad input. */
export function parseMainArgs(argv: string[], env: Record<string, string | undefined>): MainSettings {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      memory: { type: 'boolean', default: false },
      'admin-token': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      'test-controls': { type: 'boolean', default: false },
      quickstart: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const portText = values.port ?? env.PORT ?? '8787';
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
    throw new TypeError(`--port must be an integer from 0 to 65535 (got ${JSON.stringify(portText)})`);
  }
  if (values.memory && values.data !== undefined) throw new TypeError('Use either --data or --memory, not both');
  const adminToken = values['admin-token'] ?? (env.HOKUSAI_ADMIN_TOKEN || undefined) ?? (values.quickstart ? QUICKSTART_ADMIN_TOKEN : undefined);
  if (adminToken !== undefined && (adminToken.trim() === '' || /\s/.test(adminToken))) {
    throw new TypeError('The admin token must be non-empty and contain no spaces');
  }
  return {
    port: Number(portText),
    host: values.host ?? '127.0.0.1',
    // A server for tests starts empty every time unless a data file is asked for.
    dataFile: values.memory ? undefined : (values.data ?? (values['test-controls'] || values.quickstart ? undefined : DEFAULT_DATA_FILE)),
    adminToken,
    quiet: values.quiet,
    ...(values['test-controls'] ? { testControls: true } : {}),
    ...(values.quickstart ? { quickstart: true } : {}),
    help: values.help,
  };
}
