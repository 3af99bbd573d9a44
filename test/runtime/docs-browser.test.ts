// GET /docs in a real headless Chromium: the reference page renders offline and shows every
// operation of the spec, each reached from the page's own menu.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readApiDescription } from '../../src/server/api-description';
import { startServer, type RunningServer } from '../../src/server/node';
import { launchBrowser, openPage } from './browser-harness';
import { builtFile, ROOT } from './built-package';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
// Redoc's sidebar credit shows its logo from Redocly's CDN; the page's policy refuses it (the
// page stays offline) and the credit shows as text. That refusal is the one console error.
const REFUSED_CREDIT_LOGO = /^console error: Loading the image 'https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(-full)?\.svg' violates the following Content Security Policy/;

interface Operation {
  operationId: string;
  summary: string;
  tags: string[];
}

let browser: Browser | undefined;
let server: RunningServer | undefined;

beforeAll(async () => {
  builtFile('docs/index.html');
  server = await startServer({ port: 0, memory: true, quiet: true, apiDescription: readApiDescription(ROOT) });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function specOperations(): Operation[] {
  const spec = parse(readFileSync(join(ROOT, 'spec/hokusai-auth.openapi.yaml'), 'utf8')) as { paths: Record<string, Partial<Record<string, Operation>>> };
  return Object.values(spec.paths).flatMap((item) => METHODS.flatMap((method) => (item[method] ? [item[method]] : [])));
}

describe('/docs in Chromium', () => {
  it('shows every operation of the spec, and loads nothing from elsewhere', async () => {
    const { page, problems } = await openPage(browser!);
    const loaded: string[] = [];
    page.on('requestfinished', (request) => loaded.push(request.url()));
    await page.goto(`${server!.url}/docs`);
    const operations = specOperations();
    expect(operations.length).toBeGreaterThanOrEqual(15);
    const menuItem = '[data-component-name="Menu/MenuItem"]';
    for (const { operationId, summary, tags } of operations) {
      // The menu lists each operation under its tag (opened on demand); following its link
      // shows the operation's section.
      const link = page.locator(`${menuItem} a[href$="/${operationId.toLowerCase()}"]`);
      if (!(await link.isVisible())) await page.locator(menuItem, { hasText: tags[0]! }).first().click();
      const href = await link.getAttribute('href', { timeout: 15_000 });
      expect(href, operationId).toMatch(/^#\//);
      await page.goto(`${server!.url}/docs${href}`);
      const shown = await page
        .locator('h1, h2, h3', { hasText: new RegExp(`^${summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
        .first()
        .waitFor({ state: 'attached', timeout: 20_000 })
        .then(() => true, () => false);
      expect(shown, `${operationId} ("${summary}") at ${page.url()}`).toBe(true);
    }
    expect(loaded.filter((url) => !url.startsWith(`${server!.url}/`) && !/^(data|blob):/.test(url))).toEqual([]);
    expect(problems.filter((problem) => !REFUSED_CREDIT_LOGO.test(problem))).toEqual([]);
    await page.close();
  }, 120_000);
});
