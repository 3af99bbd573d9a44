// Runs the SDK scenarios against the package's msw handlers (no server, no port) in a Node,
// Bun or Deno process: `<runtime> msw-entry.mjs`. msw comes from the project's node_modules.
import { setupServer } from 'msw/node';
import * as sdk from '@hokusai/auth';
import { createHokusaiHandlers } from '@hokusai/auth/msw';
import { createApp } from '@hokusai/auth/server';
import { runSdkScenarios } from './sdk-scenarios';

const app = createApp({ testControls: true });
const hokusai = createHokusaiHandlers({ app, baseUrl: 'http://hokusai.test' });
const server = setupServer(...hokusai.handlers);
server.listen({ onUnhandledRequest: 'error' });
try {
  const results = await runSdkScenarios({ sdk, baseUrl: hokusai.baseUrl, adminToken: hokusai.adminToken });
  console.log(JSON.stringify({ results }));
} finally {
  server.close();
}
// On Deno 2.9, msw 2.15's interceptors keep the process alive after server.close() (a bare
// listen/fetch/close script does the same); a test runner exits anyway, this script must too.
process.exit();
