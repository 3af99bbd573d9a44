// The SDK scenarios in a page: the server and token come from the site's /target.json (never
// from the page URL, which browsers and test errors show), the results go to `window.__scenarios`.
import * as sdk from '@hokusai/auth';
import { runSdkScenarios } from './sdk-scenarios';

async function run() {
  const { baseUrl, adminToken } = (await (await fetch('/target.json')).json()) as { baseUrl: string; adminToken: string };
  return { results: await runSdkScenarios({ sdk, baseUrl, adminToken }) };
}

run().then(
  (outcome) => Object.assign(window, { __scenarios: outcome }),
  (error: unknown) => Object.assign(window, { __scenarios: { failed: String(error) } }),
);
