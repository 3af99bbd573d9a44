// The msw handlers in a real headless Chromium: a page starts msw's service worker with the
// Hokusai handlers (the built `dist/msw/index.js`) and drives the built SDK against them. No
// stub server runs; every API call is answered by the engine inside the page.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FULL_API_KEY } from './built-package';
import { MswPage } from './msw-page';

/** What the page reports: never a key or the admin token. */
interface PageResult {
  failed?: string;
  controlled: boolean;
  created: { maskedPrefix: boolean; environment: string; scopes: string[] };
  valid: { is_valid: boolean; scopes: string[] | null; service_id: string | null; sameKey: boolean };
  revoked: { is_valid: boolean; error_code: string | null };
  retried: { is_valid: boolean; pendingAfter: number };
  dropped: string;
  expired: string | null;
  keysInPageStore: number;
}

const page = new MswPage();
let result: PageResult;
let rawResult: string;
let setupError: unknown;

beforeAll(async () => {
  try {
    result = await page.run<PageResult>({ entries: ['index.js'], script: PAGE_SCRIPT, title: 'Hokusai msw handlers in a browser', timeoutMs: 20_000 });
    rawResult = JSON.stringify(result);
  } catch (error) {
    setupError = error;
  }
});

afterAll(() => page.close());

beforeEach(() => {
  if (setupError !== undefined) throw setupError;
});

const PAGE_SCRIPT = `
import { setupWorker } from 'msw/browser';
import { createHokusaiHandlers } from '/dist/msw/index.js';
import { HokusaiAuth } from '/dist/index.js';

const report = {};
try {
  // Default base URL: the production one the SDK calls by default. Nothing may reach it.
  const hokusai = createHokusaiHandlers();
  const worker = setupWorker(...hokusai.handlers);
  await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledRequest: 'error', quiet: true });
  report.controlled = navigator.serviceWorker.controller !== null;

  const auth = new HokusaiAuth({ adminToken: hokusai.adminToken, maxRetries: 0 });
  const { api_key, key_info } = await auth.keys.create({ name: 'My First Key', service_id: 'prediction', scopes: ['predict'], environment: 'test' });
  report.created = { maskedPrefix: key_info.key_prefix === api_key.slice(0, 11) + '***', environment: key_info.environment, scopes: key_info.scopes };

  const valid = await auth.validate(api_key, { service_id: 'prediction' });
  report.valid = { is_valid: valid.is_valid, scopes: valid.scopes, service_id: valid.service_id, sameKey: valid.key_id === key_info.key_id };

  await auth.keys.revoke(key_info.key_id);
  const revoked = await auth.validate(api_key);
  report.revoked = { is_valid: revoked.is_valid, error_code: revoked.error_code };

  // The test controls work in the page too.
  const seeded = await hokusai.controls.seedKey({ name: 'seeded', service_id: 'platform', expires_in_days: 1 });
  hokusai.controls.failNext({ path: '/api/v1/keys/validate', status: 503, retry_after: 0 });
  const retried = await new HokusaiAuth({ maxRetries: 1 }).validate(seeded.api_key);
  report.retried = { is_valid: retried.is_valid, pendingAfter: hokusai.controls.pendingFailures().length };

  hokusai.controls.failNext({ path: '/health', drop: true });
  report.dropped = await auth.health().then(() => 'answered', (error) => error.name);

  hokusai.controls.clock.advance(2 * 24 * 3600 * 1000);
  report.expired = (await auth.validate(seeded.api_key)).error_code;
  report.keysInPageStore = hokusai.engine.listKeys().length;
} catch (error) {
  report.failed = String((error && error.stack) || error);
}
window.__result = report;
`;

describe('msw handlers with setupWorker in headless Chromium (built package, no stub server)', () => {
  it('starts the service worker and controls the page', () => {
    expect(result.controlled).toBe(true);
    expect(page.site!.requests).toContain('/mockServiceWorker.js');
    expect(page.site!.requests).toContain('/dist/msw/index.js');
  });

  it('creates, validates and revokes a key through the built SDK, all answered inside the page', () => {
    expect(result.created).toEqual({ maskedPrefix: true, environment: 'test', scopes: ['predict'] });
    expect(result.valid).toEqual({ is_valid: true, scopes: ['predict'], service_id: 'prediction', sameKey: true });
    expect(result.revoked).toEqual({ is_valid: false, error_code: 'revoked' });
    expect(result.keysInPageStore).toBe(2);
    // The API calls never reached a server: the static server saw only files.
    expect(page.site!.requests.filter((path) => path.startsWith('/api/') || path.startsWith('/health'))).toEqual([]);
  });

  it('runs the test controls in the browser: injected 503 retried, dropped connection, moved clock', () => {
    expect(result.retried).toEqual({ is_valid: true, pendingAfter: 0 });
    expect(result.dropped).toBe('APIConnectionError');
    expect(result.expired).toBe('expired');
  });

  it('keeps keys and the admin token out of what the page reported', () => {
    expect(rawResult).not.toMatch(FULL_API_KEY);
  });
});
