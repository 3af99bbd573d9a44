// The SDK scenarios in a page of headless Chromium, the built bundle loaded as a native ES
// module through an import map, calling the local server on another origin (real CORS).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { importMapFor, launchBrowser, modulePage, openPage, serveStatic } from '../runtime/browser-harness';
import { builtFile, DIST, ROOT } from '../runtime/built-package';
import { describeChecks } from './harness/rows';
import { BROWSER_FILE } from './harness/project';
import { startScenarioServer } from './harness/servers';
import { SDK_SCENARIOS, type ScenarioResult } from './scenarios/sdk-scenarios';

describeChecks('Chromium', SDK_SCENARIOS, async () => {
  const entry = builtFile('index.js');
  const nodeModules = join(ROOT, 'node_modules');
  const importMap = importMapFor(entry, nodeModules, '/node_modules/');
  importMap.imports['@hokusai/auth'] = '/dist/index.js';
  const mounts: Parameters<typeof serveStatic>[0] = {
    '/': { body: modulePage(importMap, '/scenarios.mjs', 'Hokusai auth runtime matrix'), type: 'text/html; charset=utf-8' },
    '/scenarios.mjs': { body: readFileSync(BROWSER_FILE, 'utf8') },
    '/dist/': DIST,
    '/node_modules/': nodeModules,
  };
  const site = await serveStatic(mounts);
  // The scenarios drive the admin API from the page: the server lets the site's origin in.
  const server = await startScenarioServer([site.url]);
  mounts['/target.json'] = { body: JSON.stringify({ baseUrl: server.url, adminToken: server.adminToken }) };
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const { page, problems } = await openPage(browser);
    await page.goto(`${site.url}/`);
    const handle = await page.waitForFunction(() => (window as { __scenarios?: unknown }).__scenarios, null, { timeout: 60_000 });
    const outcome = (await handle.jsonValue()) as { results?: Record<string, ScenarioResult>; failed?: string };
    if (!outcome.results) throw new Error(`The page failed: ${outcome.failed}. Browser reported: ${problems.join(' | ') || 'nothing'}`);
    return outcome.results;
  } finally {
    await browser?.close();
    await Promise.all([server.close(), site.close()]);
  }
});
