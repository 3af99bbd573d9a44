// Runs the SDK scenarios in a Node, Bun or Deno process: `<runtime> sdk-entry.mjs <url> <admin token>`.
// `@hokusai/auth` is resolved by the runtime from node_modules, as in a user's project.
import * as sdk from '@hokusai/auth';
import { runSdkScenarios } from './sdk-scenarios';

const [baseUrl, adminToken] = process.argv.slice(2);
if (!baseUrl || !adminToken) throw new Error('usage: sdk-entry.mjs <base url> <admin token>');
const results = await runSdkScenarios({ sdk, baseUrl, adminToken });
console.log(JSON.stringify({ results }));
