// A page in headless Chromium that starts msw's service worker and runs a module script
// against the built package: the msw handlers answer every API call inside the page.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { importMapFor, launchBrowser, modulePage, openPage, serveStatic, type ImportMap, type StaticServer } from './browser-harness';
import { builtFile, DIST, ROOT } from './built-package';

declare global {
  interface Window {
    __result?: unknown;
  }
}

const NODE_MODULES = join(ROOT, 'node_modules');
const MSW_BROWSER = join(NODE_MODULES, 'msw/lib/browser/index.mjs');

/** How to run one page. */
export interface MswPageOptions {
  /** Built files the script imports besides `/dist/msw/index.js`, e.g. `index.js`. */
  entries: string[];
  /** The page's module: imports `msw/browser` and `/dist/…`, ends by setting `window.__result`. */
  script: string;
  title: string;
  /** Response statuses the page expects (not reported as problems). */
  expectedStatuses?: number[];
  timeoutMs?: number;
}

/**
 * Runs a page and returns what it put in `window.__result`; throws with what the browser
 * reported when it sets `failed` or reports nothing in time. Close it in `afterAll`.
 *
 * @example
 * const page = new MswPage();
 * const result = await page.run<{ ok: boolean }>({ entries: ['index.js'], script, title: 'msw' });
 * await page.close();
 */
export class MswPage {
  browser: Browser | undefined;
  site: StaticServer | undefined;

  async run<R extends { failed?: string }>({ entries, script, title, expectedStatuses = [], timeoutMs = 30_000 }: MswPageOptions): Promise<R> {
    const importMap = mergeImportMaps(
      ...['msw/index.js', ...entries].map((entry) => importMapFor(builtFile(entry), NODE_MODULES, '/node_modules/')),
      importMapFor(MSW_BROWSER, NODE_MODULES, '/node_modules/'),
      {
        imports: {
          'msw/browser': '/node_modules/msw/lib/browser/index.mjs',
          // msw's dependency tough-cookie needs tldts; its one-file ESM build loads as is.
          tldts: '/node_modules/tldts/dist/index.esm.min.js',
        },
      },
    );
    this.site = await serveStatic({
      '/': { body: modulePage(importMap, '/app.js', title), type: 'text/html; charset=utf-8' },
      '/app.js': { body: script },
      // msw's worker script, served from the installed msw (same version as the handlers).
      '/mockServiceWorker.js': join(NODE_MODULES, 'msw/lib/mockServiceWorker.js'),
      '/dist/': DIST,
      '/node_modules/': NODE_MODULES,
    });
    this.browser = await launchBrowser();
    const { page, problems } = await openPage(this.browser);
    page.on('response', (response) => {
      if (response.status() >= 400 && !expectedStatuses.includes(response.status())) problems.push(`${response.status()} for ${response.url()}`);
    });
    await page.goto(`${this.site.url}/`);
    const reported = () => problems.join(' | ') || 'nothing';
    try {
      await page.waitForFunction(() => window.__result !== undefined, null, { timeout: timeoutMs });
    } catch {
      throw new Error(`The page produced no result in ${timeoutMs / 1000} s. Browser reported: ${reported()}`);
    }
    const result = (await page.evaluate(() => window.__result)) as R;
    if (result.failed) throw new Error(`The page failed: ${result.failed}. Browser reported: ${reported()}`);
    return result;
  }

  async close(): Promise<void> {
    await this.browser?.close();
    await this.site?.close();
  }
}

function mergeImportMaps(...maps: ImportMap[]): ImportMap {
  const merged: Required<ImportMap> = { imports: {}, scopes: {} };
  for (const map of maps) {
    Object.assign(merged.imports, map.imports);
    for (const [scope, table] of Object.entries(map.scopes ?? {})) merged.scopes[scope] = { ...merged.scopes[scope], ...table };
  }
  return merged;
}
