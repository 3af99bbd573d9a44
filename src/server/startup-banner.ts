// What the command-line server prints once it listens: the URL, the store, the admin token in
// force (printed only when the server made it) and the quickstart's first command, ready to run.
import { DEFAULT_DATA_FILE } from './cli-args';
import type { MainSettings } from './cli-args';
import { QUICKSTART_ADMIN_TOKEN } from './quickstart';

/** The admin token in force and where it came from. */
export type AdminTokenOrigin =
  | { kind: 'flag' | 'env' | 'quickstart' }
  /** Made by this start (printed), or read from the data folder's file (not printed). */
  | { kind: 'kept'; file: string; created: boolean; token: string }
  | { kind: 'memory'; token: string };

/**
 * The banner, newline-terminated lines.
 *
 * @example
 * startupBanner('http://127.0.0.1:8787', settings, { kind: 'memory', token: 'ab12…' });
 */
export function startupBanner(url: string, settings: MainSettings, origin: AdminTokenOrigin): string {
  const lines = [
    `Hokusai auth server listening on ${url}`,
    settings.dataFile
      ? `Store: SQLite file ${settings.dataFile}${settings.dataFile === DEFAULT_DATA_FILE ? ' (default; --memory to keep nothing)' : ''}`
      : 'Store: memory (everything is lost when the server stops)',
    `API reference: ${url}/docs (spec: ${url}/openapi.json)`,
  ];
  if (settings.testControls) lines.push(`Test controls: on, under ${url}/__hokusai/ (admin token required)`);
  const { tokenLines, bearer } = adminToken(origin, settings);
  lines.push(...tokenLines);
  if (settings.quickstart) {
    lines.push("Quickstart mode: the quickstart's example key is seeded, so every command of the quickstart works with only the host changed. For local use only.");
  }
  lines.push(
    '',
    'Quickstart step 1:',
    `curl -X POST ${url}/api/v1/keys \\`,
    `-H "Authorization: Bearer ${bearer}" \\`,
    '-H "Content-Type: application/json" \\',
    "-d '{",
    '"name": "My First Key",',
    '"service_id": "prediction",',
    '"scopes": ["predict"],',
    '"environment": "test"',
    "}'",
    '',
    'Requests are logged on stderr (--quiet: none). Press Ctrl+C to stop.',
  );
  return `${lines.join('\n')}\n`;
}

/** The lines about the token, and what the curl command sends: the token itself when printing it is safe. */
function adminToken(origin: AdminTokenOrigin, settings: MainSettings): { tokenLines: string[]; bearer: string } {
  switch (origin.kind) {
    case 'quickstart':
      return {
        tokenLines: [
          `Admin token: ${QUICKSTART_ADMIN_TOKEN} (--quickstart)`,
          ...(settings.envTokenIgnored ? ['HOKUSAI_ADMIN_TOKEN is set but not used: --quickstart answers to YOUR_ADMIN_TOKEN (--admin-token to choose another).'] : []),
        ],
        bearer: QUICKSTART_ADMIN_TOKEN,
      };
    case 'env':
      return { tokenLines: ['Admin token: the one in HOKUSAI_ADMIN_TOKEN'], bearer: '$HOKUSAI_ADMIN_TOKEN' };
    case 'flag':
      return {
        tokenLines: ['Admin token: the one given with --admin-token (export it as HOKUSAI_ADMIN_TOKEN for the commands below)'],
        bearer: '$HOKUSAI_ADMIN_TOKEN',
      };
    case 'memory':
      return {
        tokenLines: [`Admin token (generated for this run, shown only now): ${origin.token}`, 'Set HOKUSAI_ADMIN_TOKEN or pass --admin-token to choose your own.'],
        bearer: origin.token,
      };
    case 'kept': {
      const read = `$(cat ${shellQuote(origin.file)})`;
      return origin.created
        ? {
            tokenLines: [
              `Admin token (generated, kept in ${origin.file} for the next starts): ${origin.token}`,
              `export HOKUSAI_ADMIN_TOKEN="${read}" to use it from the CLI and the SDK; --rotate-admin-token makes a new one.`,
            ],
            bearer: origin.token,
          }
        : {
            tokenLines: [`Admin token: the one kept in ${origin.file} (export HOKUSAI_ADMIN_TOKEN="${read}"; --rotate-admin-token makes a new one)`],
            bearer: read,
          };
    }
  }
}

/** `text` as one shell word (single-quoted when it has anything but safe characters). */
function shellQuote(text: string): string {
  return /^[\w./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}
