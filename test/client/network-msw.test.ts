// Network-level failures seen through the real global fetch, intercepted by msw.
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  APIConnectionError,
  APITimeoutError,
  HokusaiAuth,
  HokusaiAuthError,
  InternalServerError,
  type HokusaiAuthOptions,
} from '../../src/client';
import { API_KEY, validationSuccess } from './fake-client';

const BASE = 'http://auth.msw.test';
const server = setupServer();
let hits = 0;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  hits = 0;
});
afterAll(() => server.close());

/** Uses the global fetch (patched by msw); waits between retries are skipped. */
function client(options: HokusaiAuthOptions = {}) {
  return new HokusaiAuth({ baseUrl: BASE, adminToken: 'msw-admin-token', ...options }, { sleep: async () => {} });
}

describe('through the global fetch (msw)', () => {
  it('a network error is retried, then surfaces as APIConnectionError', async () => {
    server.use(
      http.post(`${BASE}/api/v1/keys/validate`, () => {
        hits++;
        return HttpResponse.error();
      }),
    );
    const error = await client().validate(API_KEY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toMatch(/^Connection error: could not reach http:\/\/auth\.msw\.test/);
    expect(hits).toBe(3);
  });

  it('recovers when the network comes back', async () => {
    server.use(
      http.post(`${BASE}/api/v1/keys/validate`, () => (++hits < 3 ? HttpResponse.error() : HttpResponse.json(validationSuccess))),
    );
    await expect(client().validate(API_KEY)).resolves.toEqual(validationSuccess);
    expect(hits).toBe(3);
  });

  it('a response slower than timeoutMs is an APITimeoutError after every attempt timed out', async () => {
    server.use(
      http.get(`${BASE}/health`, async () => {
        hits++;
        await delay(1_000);
        return HttpResponse.json({ status: 'healthy' });
      }),
    );
    const error = await client({ timeoutMs: 20 }).health().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(hits).toBe(3);
  });

  it('a 200 with malformed JSON is an error, not retried', async () => {
    server.use(
      http.post(`${BASE}/api/v1/keys/validate`, () => {
        hits++;
        return new HttpResponse('{"is_valid": tru', { headers: { 'Content-Type': 'application/json' } });
      }),
    );
    const error = await client().validate(API_KEY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HokusaiAuthError);
    expect((error as HokusaiAuthError).status).toBe(200);
    expect((error as Error).message).toBe('200 Response body is not valid JSON (content-type: application/json)');
    expect(hits).toBe(1);
  });

  it('an HTML 502 from a proxy is retried, then an InternalServerError with the page text', async () => {
    server.use(
      http.get(`${BASE}/api/v1/keys`, () => {
        hits++;
        return HttpResponse.html(
          '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>',
          { status: 502, headers: { 'X-Request-ID': 'edge-123' } },
        );
      }),
    );
    const error = await client().keys.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 502, message: '502 Bad Gateway 502 Bad Gateway nginx', requestId: 'edge-123', detail: undefined });
    expect(hits).toBe(3);
  });

  it('a 503 with Retry-After then 200: the call succeeds', async () => {
    server.use(
      http.get(`${BASE}/api/v1/keys`, () =>
        ++hits === 1 ? HttpResponse.json({ detail: 'busy' }, { status: 503, headers: { 'Retry-After': '1' } }) : HttpResponse.json([]),
      ),
    );
    await expect(client().keys.list()).resolves.toEqual([]);
    expect(hits).toBe(2);
  });
});
