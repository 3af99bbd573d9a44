// Shared helpers of the stub-server tests. Every in-process request goes through the contract
// check of test/support/contract.ts, so each answer the suite provokes is checked against the
// spec (status declared, body matches the schema, declared headers present).
import { createApp, ManualClock, MemoryStore } from '../../src/server';
import type { CreateAppOptions, TestableApp } from '../../src/server';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';
export const START = '2025-01-15T10:30:00Z';

import { withContractCheck } from '../support/contract';

type FetchLike = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

export interface TestApp {
  app: TestableApp;
  clock: ManualClock;
  store: MemoryStore;
  /** Contract-checked request: a path like `/health` is resolved against http://localhost. */
  request(path: string, init?: RequestInit & { json?: unknown; ip?: string }): Promise<Response>;
  /** An admin request with the bearer token. */
  admin(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  /** Creates a key (201 expected) and returns the body. */
  createKey(fields?: Record<string, unknown>): Promise<{ api_key: string; key_info: Record<string, unknown> & { key_id: string } }>;
  /** POST /api/v1/keys/validate with the key as a Bearer token. */
  validate(apiKey: string, body?: Record<string, unknown>, ip?: string): Promise<Response>;
}

/**
 * An in-process app with a MemoryStore, a ManualClock starting at `START` and its test kit
 * (`app.controls`); every response is contract-checked. `ip` on a request plays the connection's address.
 */
export function makeTestApp(options: CreateAppOptions & { start?: string } = {}): TestApp {
  const clock = (options.clock as ManualClock | undefined) ?? new ManualClock(options.start ?? START);
  const store = (options.store as MemoryStore | undefined) ?? new MemoryStore();
  const app = createApp({ adminToken: ADMIN_TOKEN, ...options, clock, store, logger: options.logger ?? failingLogger, testKit: true });

  const perRequestIp = new Map<Request, string>();
  const raw: FetchLike = (input, init) => {
    const url = String(input);
    const request = input instanceof Request ? input : new Request(url.startsWith('/') ? `http://localhost${url}` : url, init);
    return app.fetch(request, { clientIp: perRequestIp.get(request) ?? '127.0.0.1' });
  };
  const checked = withContractCheck(raw);

  const request: TestApp['request'] = (path, init = {}) => {
    const { json, ip, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (json !== undefined && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
    // Concatenated, not resolved: a path such as `//x` must stay a path, not become a host.
    const req = new Request(path.startsWith('/') ? `http://localhost${path}` : path, {
      ...rest,
      headers,
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    });
    if (ip) perRequestIp.set(req, ip);
    return checked(req);
  };
  const admin: TestApp['admin'] = (path, init = {}) => {
    const headers = new Headers(init.headers);
    if (!headers.has('Authorization')) headers.set('Authorization', `Bearer ${ADMIN_TOKEN}`);
    return request(path, { ...init, headers });
  };
  const createKey: TestApp['createKey'] = async (fields = {}) => {
    const res = await admin('/api/v1/keys', { method: 'POST', json: { name: 'Test key', service_id: 'prediction', ...fields } });
    if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
    return (await res.json()) as Awaited<ReturnType<TestApp['createKey']>>;
  };
  const validate: TestApp['validate'] = (apiKey, body = {}, ip) =>
    request('/api/v1/keys/validate', {
      method: 'POST',
      headers: { Authorization: `Bearer ${apiKey}` },
      json: body,
      ...(ip ? { ip } : {}),
    });
  return { app, clock, store, request, admin, createKey, validate };
}

/** Unexpected server errors fail the test that caused them. */
const failingLogger = {
  error(message: string, error?: unknown) {
    throw new Error(`server logged an unexpected error: ${message}: ${String(error)}`);
  },
};

export const HOUR = 3_600_000;
export const DAY = 86_400_000;
