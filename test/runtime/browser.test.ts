// The built bundle in a real headless Chromium: loaded as a native ES module from one origin,
// calling the stub server on another (real CORS, with preflights for the custom headers).
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/node';
import { importMapFor, launchBrowser, modulePage, openPage, serveStatic, type StaticServer } from './browser-harness';
import { browserRunScript, type BrowserRunResult, type SeenResponse } from './browser-page';
import { builtFile, DIST, FULL_API_KEY, ROOT, startStubServer } from './built-package';

declare global {
  interface Window {
    __result?: unknown;
  }
}

const RATE_LIMIT = 10;
const ECHO_ID = 'browser-runtime-check-1';

let browser: Browser | undefined;
let stub: RunningServer | undefined;
let site: StaticServer | undefined;
let noCors: StaticServer | undefined;
let result: BrowserRunResult;
let rawResult: string;
// A setup failure (e.g. no Chromium) is reported by every test as a failure, not as skipped tests.
let setupError: unknown;

beforeAll(async () => {
  try {
    await runPage();
  } catch (error) {
    setupError = error;
  }
});

/** Serves the page and the built bundle, runs the page in Chromium and keeps what it reported. */
async function runPage(): Promise<void> {
  const entry = builtFile('index.js');
  browser = await launchBrowser();
  const importMap = importMapFor(entry, join(ROOT, 'node_modules'), '/node_modules/');
  const mounts: Parameters<typeof serveStatic>[0] = {
    '/': { body: modulePage(importMap, '/app.js', 'Hokusai auth in a browser'), type: 'text/html; charset=utf-8' },
    '/dist/': DIST,
    '/node_modules/': join(ROOT, 'node_modules'),
  };
  site = await serveStatic(mounts);
  // The page drives the admin API too: the stub lets its origin in (admin routes answer CORS only for chosen origins).
  stub = await startStubServer([site.url]);
  noCors = await serveStatic({ '/data.json': { body: '{"ok":true}' } });
  mounts['/app.js'] = { body: browserRunScript('/dist/index.js', {
    apiUrl: stub.url,
    adminToken: stub.adminToken,
    noCorsUrl: `${noCors.url}/data.json`,
    rateLimitPerHour: RATE_LIMIT,
    echoRequestId: ECHO_ID,
  }) };

  const { page, problems } = await openPage(browser);
  await page.goto(`${site.url}/`);
  try {
    await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 15_000 });
  } catch {
    throw new Error(`The page produced no result in 15 s. Browser reported: ${problems.join(' | ') || 'nothing'}`);
  }
  result = (await page.evaluate(() => window.__result)) as BrowserRunResult;
  rawResult = JSON.stringify(result);
  if (result.failed) {
    throw new Error(`The page failed: ${result.failed}. Browser reported: ${problems.join(' | ') || 'nothing'}`);
  }
}

afterAll(async () => {
  await browser?.close();
  await Promise.all([stub?.close(), site?.close(), noCors?.close()]);
});

beforeEach(() => {
  if (setupError !== undefined) throw setupError;
});

function responsesTo(path: string, method = 'POST'): SeenResponse[] {
  return result.responses.filter((r) => r.path === path && r.method === method);
}

describe('built bundle in headless Chromium against the stub server on another origin', () => {
  it('loads dist/index.js and its chunks as ES modules and creates and validates a key (Bearer)', () => {
    expect(result.origin).not.toBe(new URL(stub!.url).origin);
    const loaded = site!.requests;
    expect(loaded).toContain('/dist/index.js');
    expect(loaded.some((path) => /^\/dist\/chunk-[\w-]+\.js$/.test(path))).toBe(true);
    expect(result.parsed).toEqual({ ok: true, environment: 'test' });
    expect(result.maskedPrefix).toBe(true);
    expect(result.bearer).toEqual({ is_valid: true, error_code: null, service_id: 'prediction', scopes: ['predict'], sameKey: true });
    expect(result.generatedEnvironment).toBe('development');
  });

  it('passes the CORS preflight for X-API-Key, a JSON body, a GET with Authorization and a DELETE', () => {
    expect(result.xApiKey).toMatchObject({ is_valid: true, sameKey: true });
    expect(result.body).toMatchObject({ is_valid: true, sameKey: true });
    expect(result.modelCount).toBeGreaterThan(0);
    expect(responsesTo('/api/v1/keys', 'POST').map((r) => r.status)).toEqual([201]);
    expect(result.revoked).toMatchObject({ is_valid: false, error_code: 'revoked' });
  });

  it('lets page code read X-RateLimit-* on validate responses and Retry-After on the 429', () => {
    // Every successful validation counts, including the one behind GET /v1/models.
    const counted = result.responses.filter(
      (r) => r.status === 200 && (r.path === '/api/v1/keys/validate' || r.path === '/v1/models'),
    );
    expect(counted).toHaveLength(RATE_LIMIT);
    expect(counted.map((r) => r.remaining)).toEqual(counted.map((_, i) => String(RATE_LIMIT - 1 - i)));
    for (const response of counted) {
      expect(response.limit).toBe(String(RATE_LIMIT));
      expect(Number(response.reset)).toBeGreaterThan(Date.now() / 1000);
    }

    expect(result.rateLimited).toMatchObject({ is_valid: false, error_code: 'rate_limited' });
    const limited = responsesTo('/api/v1/keys/validate').find((r) => r.status === 429);
    expect(limited?.remaining).toBe('0');
    expect(Number(limited?.retryAfter)).toBeGreaterThan(0);
  });

  it('lets page code read X-Request-ID, echoing the one the page sent', () => {
    expect(result.echoedRequestId).toBe(ECHO_ID);
    for (const response of result.responses) expect(response.requestId).toMatch(/\S/);
  });

  it('reads refusals as answers and failures as typed errors carrying the request id', () => {
    expect(result.refused).toMatchObject({ is_valid: false, error_code: 'insufficient_scope' });
    expect(result.notFound).toEqual({ typed: true, name: 'NotFoundError', status: 404, requestId: expect.stringMatching(/\S/) });
  });

  it('is a real cross-origin test: the same browser refuses a server that sends no CORS headers', () => {
    expect(result.otherOrigin).toBe('refused: TypeError');
  });

  it('keeps the API key out of everything the page reported', () => {
    expect(rawResult).not.toMatch(FULL_API_KEY);
    expect(rawResult).not.toContain(stub!.adminToken);
  });
});
