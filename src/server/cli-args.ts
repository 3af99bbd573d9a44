import { parseArgs } from 'node:util';
import type { InitialCredits } from './engine';
import { parseInitialCredits } from './initial-credits-arg';
import { QUICKSTART_ADMIN_TOKEN } from './quickstart';
import type { RequestLogFormat } from './request-log';
import { DEFAULT_REGISTRATION_SETTINGS, REGISTRATION_NUMBER_SETTINGS, registrationSettingsFrom } from './registration/settings';
import type { RegistrationSettings } from './registration/settings';

/** The settings `npm start` runs with. */
export interface MainSettings {
  port: number;
  host: string;
  dataFile: string | undefined;
  adminToken: string | undefined;
  /** Where `adminToken` comes from; undefined: kept in the data folder, or generated in memory mode. */
  adminTokenSource?: 'flag' | 'env' | 'quickstart';
  /** HOKUSAI_ADMIN_TOKEN is set but --quickstart's token is in force (the banner says so). */
  envTokenIgnored?: boolean;
  /** Replace the admin token kept in the data folder with a new one. */
  rotateAdminToken?: boolean;
  /** No banner and no request log: only the base URL on stdout. */
  quiet: boolean;
  /** The request log's format on stderr (one line per request). */
  logFormat: RequestLogFormat;
  /** Serve the `/__hokusai/*` test-control routes (present only when asked for). */
  testControls?: boolean;
  /** Admin token `YOUR_ADMIN_TOKEN` and the quickstart's key seeded (present only when asked for). */
  quickstart?: boolean;
  /** Origins allowed to call the admin routes and test controls from a browser (`--cors-origin`, repeatable). */
  corsOrigins: string[];
  /** USD a new owner account gets per billing plan (present only when asked for). */
  initialCredits?: InitialCredits;
  /** Registration limits and CAPTCHA (present only when a flag or variable changes a default). */
  registration?: RegistrationSettings;
  help: boolean;
}

export const DEFAULT_DATA_FILE = '.hokusai-auth/hokusai-auth.sqlite';
/** Shortest admin token accepted without `--insecure-short-token`. */
export const MIN_ADMIN_TOKEN_LENGTH = 16;

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
  --admin-token <t>    Admin token (default: $HOKUSAI_ADMIN_TOKEN, else the one kept in
                       the data folder's admin-token file, made on the first start; with
                       --memory a new one every start). At least ${MIN_ADMIN_TOKEN_LENGTH} characters.
                       Prefer HOKUSAI_ADMIN_TOKEN: a command line is visible to every local
                       user (/proc/*/cmdline)
  --rotate-admin-token Replace the kept admin token with a new one
  --insecure-short-token
                       Accept an admin token shorter than ${MIN_ADMIN_TOKEN_LENGTH} characters
  --cors-origin <o>    Let this browser origin (e.g. http://localhost:5173) call the admin routes
                       and test controls; repeatable. Other routes accept every origin
  --test-controls      Serve the test controls under /__hokusai/* (admin token required):
                       move the clock, seed keys, inject failures, reset. Implies --memory
                       unless --data is given
  --quickstart         Run the quickstart word for word: admin token YOUR_ADMIN_TOKEN (unless
                       --admin-token is given; HOKUSAI_ADMIN_TOKEN is ignored) and its example
                       key hk_test_AbCd...3456 seeded. Implies --memory unless --data is given,
                       and --insecure-short-token. For local use only
  --initial-credits <plan=usd,...>
                       USD a new owner account gets by billing plan (default: free=1)
  --captcha            Registration requires captcha_token, checked by a verifier the test
                       controls set to pass or fail (HOKUSAI_CAPTCHA=1)
  --registration-ip-limit <n>, --registration-domain-limit <n>, --registration-global-limit <n>
                       Registrations per IP (default ${DEFAULT_REGISTRATION_SETTINGS.ipLimit}), per email domain (${DEFAULT_REGISTRATION_SETTINGS.domainLimit}) and in all
                       (${DEFAULT_REGISTRATION_SETTINGS.globalLimit}) in the rolling window; 429 with Retry-After past it
  --registration-window <s>
                       The rolling window in seconds (default ${DEFAULT_REGISTRATION_SETTINGS.windowSeconds})
  --registration-ban-after <n>, --registration-ban-seconds <s>
                       Ban an IP for <s> seconds (default ${DEFAULT_REGISTRATION_SETTINGS.banSeconds}) after <n> refusals in the window
                       (default ${DEFAULT_REGISTRATION_SETTINGS.banAfterViolations}). Each also reads HOKUSAI_REGISTRATION_<NAME>, e.g.
                       HOKUSAI_REGISTRATION_IP_LIMIT
  --log-format <f>     Request log on stderr, one line per request: text (default) or json
  --quiet              Print only the base URL: no banner, no request log
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
      'rotate-admin-token': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      'log-format': { type: 'string', default: 'text' },
      'test-controls': { type: 'boolean', default: false },
      quickstart: { type: 'boolean', default: false },
      'insecure-short-token': { type: 'boolean', default: false },
      'cors-origin': { type: 'string', multiple: true, default: [] },
      'initial-credits': { type: 'string' },
      captcha: { type: 'boolean' },
      ...Object.fromEntries(Object.values(REGISTRATION_NUMBER_SETTINGS).map((name) => [`registration-${name}`, { type: 'string' as const }])),
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const portText = values.port ?? env.PORT ?? '8787';
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
    throw new TypeError(`--port must be an integer from 0 to 65535 (got ${JSON.stringify(portText)})`);
  }
  if (values.memory && values.data !== undefined) throw new TypeError('Use either --data or --memory, not both');
  const logFormat = values['log-format'];
  if (logFormat !== 'text' && logFormat !== 'json') throw new TypeError(`--log-format must be text or json (got ${JSON.stringify(logFormat)})`);
  // One token is in force: the flag, else the quickstart's (its commands send it), else the environment's.
  const envToken = env.HOKUSAI_ADMIN_TOKEN || undefined;
  const adminTokenSource = values['admin-token'] !== undefined ? 'flag' : values.quickstart ? 'quickstart' : envToken !== undefined ? 'env' : undefined;
  const adminToken = adminTokenSource === 'flag' ? values['admin-token'] : adminTokenSource === 'quickstart' ? QUICKSTART_ADMIN_TOKEN : envToken;
  if (adminToken !== undefined && (adminToken.trim() === '' || /\s/.test(adminToken))) {
    throw new TypeError('The admin token must be non-empty and contain no spaces');
  }
  const dataFile = values.memory ? undefined : (values.data ?? (values['test-controls'] || values.quickstart ? undefined : DEFAULT_DATA_FILE));
  if (values['rotate-admin-token'] && (adminTokenSource !== undefined || dataFile === undefined)) {
    throw new TypeError(
      '--rotate-admin-token replaces the token kept in the data folder: it does not apply with --admin-token, HOKUSAI_ADMIN_TOKEN, --quickstart or --memory',
    );
  }
  // The quickstart's token is public anyway; its mode is for local use only.
  if (adminToken !== undefined && adminToken.length < MIN_ADMIN_TOKEN_LENGTH && !values['insecure-short-token'] && !values.quickstart) {
    throw new TypeError(
      `The admin token must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters (got ${adminToken.length}); ` +
        'choose a longer one, or pass --insecure-short-token',
    );
  }
  for (const origin of values['cors-origin']) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new TypeError(`--cors-origin must be an origin such as http://localhost:5173 (got ${JSON.stringify(origin)})`);
    }
  }
  const registration = registrationSettingsFrom(values as unknown as Record<string, string | boolean | undefined>, env);
  const registrationChanged = JSON.stringify(registration) !== JSON.stringify({ ...DEFAULT_REGISTRATION_SETTINGS });
  return {
    port: Number(portText),
    host: values.host ?? '127.0.0.1',
    // A server for tests starts empty every time unless a data file is asked for.
    dataFile,
    adminToken,
    ...(adminTokenSource ? { adminTokenSource } : {}),
    ...(adminTokenSource === 'quickstart' && envToken !== undefined ? { envTokenIgnored: true } : {}),
    ...(values['rotate-admin-token'] ? { rotateAdminToken: true } : {}),
    quiet: values.quiet,
    logFormat,
    corsOrigins: values['cors-origin'],
    ...(values['test-controls'] ? { testControls: true } : {}),
    ...(values.quickstart ? { quickstart: true } : {}),
    ...(values['initial-credits'] !== undefined ? { initialCredits: parseInitialCredits(values['initial-credits']) } : {}),
    ...(registrationChanged ? { registration } : {}),
    help: values.help,
  };
}
