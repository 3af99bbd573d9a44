// `npm start`: runs the stub server on a TCP port until SIGINT/SIGTERM.
import { DEFAULT_DATA_FILE, parseMainArgs, USAGE } from './cli-args';
import type { MainSettings } from './cli-args';
import { startServer } from './node';

async function main(): Promise<void> {
  let settings: MainSettings;
  try {
    settings = parseMainArgs(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exit(2);
  }
  if (settings.help) {
    console.log(USAGE);
    return;
  }

  const server = await startServer({
    port: settings.port,
    host: settings.host,
    ...(settings.dataFile ? { dataFile: settings.dataFile } : { memory: true }),
    ...(settings.adminToken ? { adminToken: settings.adminToken } : {}),
    quiet: settings.quiet,
    testControls: settings.testControls ?? false,
  });

  if (settings.quiet) {
    console.log(server.url);
  } else {
    console.log(startupBanner(server.url, settings, settings.adminToken ? undefined : server.adminToken));
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1); // a second signal: stop now
    stopping = true;
    if (!settings.quiet) console.log(`\n${signal} received: finishing in-flight requests and closing the store...`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** What the server prints at start: URL, store, the generated token (once) and a curl line. */
function startupBanner(url: string, settings: MainSettings, generatedToken: string | undefined): string {
  const lines = [
    `Hokusai auth server listening on ${url}`,
    settings.dataFile
      ? `Store: SQLite file ${settings.dataFile}${settings.dataFile === DEFAULT_DATA_FILE ? ' (default; --memory to keep nothing)' : ''}`
      : 'Store: memory (everything is lost when the server stops)',
  ];
  if (settings.testControls) {
    lines.push(`Test controls: on, under ${url}/__hokusai/ (admin token required)`);
  }
  if (generatedToken) {
    lines.push(
      `Admin token (generated, shown only now): ${generatedToken}`,
      'Set HOKUSAI_ADMIN_TOKEN or pass --admin-token to choose your own.',
    );
  }
  lines.push(
    '',
    'Quickstart step 1 (replace YOUR_ADMIN_TOKEN with the admin token):',
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

main().catch((error: unknown) => {
  console.error(`Could not start the server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
