// Every adapter in a real service on a loopback port, against the stub auth service over real
// HTTP and, separately, through msw: the key found, the answers, the typed key, usage recorded.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HokusaiAuth } from '../../src/client';
import { createKeyGuard, type KeyGuard } from '../../src/middleware';
import { createHokusaiHandlers } from '../../src/msw';
import { startServer, type RunningServer } from '../../src/server/node';
import { READS_BODY, startApp, type AdapterName, type ProtectedApp } from './apps';

const ADAPTERS = Object.keys(startApp) as AdapterName[];
const ADMIN = 'adapters-admin-token';

interface AuthService {
  baseUrl: string;
  close(): Promise<void>;
}

const stubOverHttp = async (): Promise<AuthService> => {
  const server: RunningServer = await startServer({ port: 0, memory: true, adminToken: ADMIN, quiet: true });
  return { baseUrl: server.url, close: () => server.close() };
};
const stubThroughMsw = async (): Promise<AuthService> => {
  const hokusai = createHokusaiHandlers({ baseUrl: 'http://auth.msw.test', adminToken: ADMIN });
  // Calls to the protected service on 127.0.0.1 pass through; only the auth service is mocked.
  const msw = setupServer(...hokusai.handlers);
  msw.listen({ onUnhandledRequest: 'bypass' });
  return { baseUrl: hokusai.baseUrl, close: async () => msw.close() };
};

describe.each([
  ['the stub server over HTTP', stubOverHttp],
  ['msw', stubThroughMsw],
])('adapters against %s', (_name, startAuth) => {
  let authService: AuthService;
  let admin: HokusaiAuth;
  beforeAll(async () => {
    authService = await startAuth();
    admin = new HokusaiAuth({ baseUrl: authService.baseUrl, adminToken: ADMIN, maxRetries: 0 });
  });
  afterAll(() => authService.close());

  const newKey = async (fields: Record<string, unknown> = {}) =>
    admin.keys.create({ name: 'adapter caller', service_id: 'prediction', scopes: ['predict'], environment: 'test', ...fields });

  describe.each(ADAPTERS)('%s', (adapter) => {
    let guard: KeyGuard;
    let app: ProtectedApp;
    beforeAll(async () => {
      const auth = new HokusaiAuth({ baseUrl: authService.baseUrl });
      guard = createKeyGuard({ auth, service_id: 'prediction', required_scope: 'predict', usage: { flushEveryMs: 60_000 } });
      app = await startApp[adapter](guard);
    });
    afterAll(async () => {
      await app.close();
      await guard.close();
    });
    const predict = (init: RequestInit = {}) => fetch(`${app.url}/v1/predict`, init);

    it('lets a valid key through with the key typed on the request, sent as Bearer or X-API-Key', async () => {
      const { api_key, key_info } = await newKey();
      for (const headers of [{ Authorization: `Bearer ${api_key}` }, { 'X-API-Key': api_key }] as Record<string, string>[]) {
        const response = await predict({ headers });
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ key_id: key_info.key_id });
      }
    });

    it(`${READS_BODY[adapter] ? 'finds' : 'does not read'} a key sent as api_key in a JSON body`, async () => {
      const { api_key } = await newKey();
      const response = await predict({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ api_key }) });
      expect(response.status).toBe(READS_BODY[adapter] ? 200 : 401);
    });

    it('answers 401 JSON with WWW-Authenticate without a key or with an unknown one, never from the query string', async () => {
      const { api_key } = await newKey();
      const none = await predict();
      expect(none.status).toBe(401);
      expect(none.headers.get('WWW-Authenticate')).toBe('Bearer');
      expect(none.headers.get('Content-Type')).toMatch(/^application\/json/);
      expect(await none.json()).toEqual({ detail: 'No API key provided', error_code: 'missing_key' });
      expect((await fetch(`${app.url}/v1/predict?api_key=${api_key}`)).status).toBe(401);

      const unknown = await predict({ headers: { 'X-API-Key': 'hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456' } });
      expect(unknown.status).toBe(401);
      expect(await unknown.json()).toEqual({ detail: 'Invalid API key', error_code: 'invalid_key' });
    });

    it('answers 403 for a key without the required scope, and leaves open routes open', async () => {
      const { api_key } = await newKey({ scopes: ['read'] });
      const response = await predict({ headers: { 'X-API-Key': api_key } });
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ detail: 'Key does not have required scope', error_code: 'insufficient_scope' });
      expect((await fetch(`${app.url}/health`)).status).toBe(200);
    });

    it('answers 429 with Retry-After and X-RateLimit-* once the hourly limit is used up', async () => {
      const { api_key } = await newKey({ rate_limit_per_hour: 10 });
      for (let i = 0; i < 10; i++) expect((await predict({ headers: { 'X-API-Key': api_key } })).status).toBe(200);
      const limited = await predict({ headers: { 'X-API-Key': api_key } });
      expect(limited.status).toBe(429);
      expect(await limited.json()).toEqual({ detail: 'Rate limit exceeded', error_code: 'rate_limited' });
      expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
      expect(limited.headers.get('X-RateLimit-Limit')).toBe('10');
      expect(limited.headers.get('X-RateLimit-Remaining')).toBe('0');
      expect(Number(limited.headers.get('X-RateLimit-Reset'))).toBeGreaterThan(Date.now() / 1000);
    });

    it('records one usage record per accepted request, sent on close()', async () => {
      const { api_key, key_info } = await newKey();
      for (let i = 0; i < 3; i++) expect((await predict({ headers: { 'X-API-Key': api_key } })).status).toBe(200);
      await guard.close();
      const stats = await admin.usage.stats(key_info.key_id);
      expect(stats).toMatchObject({ total_requests: 3, total_predictions: 3, error_rate: 0, top_endpoints: [{ endpoint: '/v1/predict', count: 3 }] });
    });
  });
});
