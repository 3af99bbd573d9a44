// The stub server behind Prism's validation proxy: Prism checks every request and response
// against the spec. With `--errors`, a response that breaks the spec becomes a Prism error
// (500 problem+json, `sl-violations` header), so a stub answer that arrives intact proves the
// stub kept the contract.
//
// Prism with `--errors` also answers *requests* that break the spec itself (401 when the
// security scheme is not met, 422 for a bad body or path parameter) without forwarding them.
// The error cases that need such a request (no admin token, bad body, bad UUID) therefore go
// through a second proxy without `--errors`: it forwards everything and reports violations in
// `sl-violations`; only request-side violations (the ones we sent on purpose) are allowed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/node';
import { assertResponseMatchesSpec } from '../support/contract';
import { startPrism, type PrismProcess } from '../support/contract-prism';
import { validationSuccess } from '../support/fixtures';

const ADMIN_TOKEN = 'contract-admin-token-0123456789abcdef';
const UNKNOWN_KEY_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const UNKNOWN_API_KEY = 'hk_test_ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ';

type Violation = { location: string[]; severity: string; message: string };
type Answer = { status: number; headers: Headers; body: unknown; violations: Violation[] };

let stub: { url: string; close(): Promise<void> | void };
let strict: PrismProcess;
let lenient: PrismProcess;

beforeAll(async () => {
  stub = await startServer({ port: 0, host: '127.0.0.1', memory: true, adminToken: ADMIN_TOKEN });
  [strict, lenient] = await Promise.all([
    startPrism({ mode: 'proxy', upstream: stub.url, errors: true }),
    startPrism({ mode: 'proxy', upstream: stub.url, errors: false }),
  ]);
});

afterAll(async () => {
  await Promise.all([strict?.stop(), lenient?.stop()]);
  await stub?.close();
});

/** Calls the proxy and checks the answer with the contract harness too. */
type CallOptions = { headers?: Record<string, string>; json?: unknown };

async function call(proxy: PrismProcess, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${proxy.url}${path}`, {
    method,
    headers,
    body: options.json === undefined ? undefined : JSON.stringify(options.json),
  });
  const text = await res.text();
  const raw = res.headers.get('sl-violations');
  const violations = raw ? (JSON.parse(raw) as Violation[]) : [];
  const answer = { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : undefined, violations };
  // Prism's own errors are problem+json; the stub never answers with that type.
  expect(res.headers.get('content-type') ?? '').not.toContain('problem+json');
  assertResponseMatchesSpec({ method, path, status: res.status, headers: res.headers, bodyText: text });
  return answer;
}

/** Through the `--errors` proxy: any violation at all would have become a Prism error. */
const viaStrict = async (method: string, path: string, options?: CallOptions) => {
  const answer = await call(strict, method, path, options);
  expect(answer.violations).toEqual([]);
  return answer;
};

/** Through the lenient proxy: the request may break the spec on purpose, the response may not. */
const viaLenient = async (method: string, path: string, options?: CallOptions) => {
  const answer = await call(lenient, method, path, options);
  expect(answer.violations.filter((v) => v.location[0] !== 'request')).toEqual([]);
  expect(answer.violations.length).toBeGreaterThan(0); // Prism saw the request as invalid
  return answer;
};

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

describe('the quickstart through the Prism validation proxy (--errors)', () => {
  it('creates the key, validates it for the prediction service and lists models with it', async () => {
    const created = await viaStrict('POST', '/api/v1/keys', {
      headers: admin,
      json: { name: 'My First Key', service_id: 'prediction', scopes: ['predict'], environment: 'test' },
    });
    expect(created.status).toBe(201);
    const { api_key: apiKey, key_info: info } = created.body as { api_key: string; key_info: Record<string, unknown> };
    expect(apiKey).toMatch(/^hk_test_[A-Za-z0-9]{32}$/);
    expect(info).toMatchObject({ name: 'My First Key', service_id: 'prediction', scopes: ['predict'], environment: 'test', is_active: true, rate_limit_per_hour: 1000 });

    const validated = await viaStrict('POST', '/api/v1/keys/validate', {
      headers: { authorization: `Bearer ${apiKey}` },
      json: { service_id: 'prediction' },
    });
    expect(validated.status).toBe(200);
    expect(validated.body).toEqual(validationSuccess(info.key_id as string));

    const models = await viaStrict('GET', '/v1/models', { headers: { authorization: `Bearer ${apiKey}` } });
    expect(models.status).toBe(200);
    expect((models.body as { models: unknown[] }).models.length).toBeGreaterThan(0);
  });
});

describe('error answers through the Prism validation proxy (--errors)', () => {
  it('wrong admin token → 401 Invalid authentication credentials', async () => {
    const answer = await viaStrict('GET', '/api/v1/keys', { headers: { authorization: 'Bearer not-the-admin-token' } });
    expect([answer.status, answer.body]).toEqual([401, { detail: 'Invalid authentication credentials' }]);
  });

  it('unknown key_id → 404 API key not found', async () => {
    const answer = await viaStrict('GET', `/api/v1/keys/${UNKNOWN_KEY_ID}`, { headers: admin });
    expect([answer.status, answer.body]).toEqual([404, { detail: 'API key not found' }]);
  });

  it('unknown API key → 401 validation failure with error_code invalid_key', async () => {
    const answer = await viaStrict('POST', '/api/v1/keys/validate', { headers: { authorization: `Bearer ${UNKNOWN_API_KEY}` }, json: {} });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ is_valid: false, key_id: null, error: 'Invalid API key', error_code: 'invalid_key' });
  });

  it('no API key anywhere → 400 No API key provided', async () => {
    const answer = await viaStrict('POST', '/api/v1/keys/validate', { json: {} });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ detail: 'No API key provided' });
  });

  it('over rate_limit_per_hour → 429 with Retry-After', async () => {
    const created = await viaStrict('POST', '/api/v1/keys', {
      headers: admin,
      json: { name: 'rate limited', service_id: 'prediction', rate_limit_per_hour: 10 },
    });
    const { api_key: apiKey } = created.body as { api_key: string };
    const auth = { authorization: `Bearer ${apiKey}` };
    for (let i = 0; i < 10; i += 1) {
      expect((await viaStrict('POST', '/api/v1/keys/validate', { headers: auth, json: {} })).status).toBe(200);
    }
    const limited = await viaStrict('POST', '/api/v1/keys/validate', { headers: auth, json: {} });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ is_valid: false, error: 'Rate limit exceeded', error_code: 'rate_limited' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('answers to requests that break the spec on purpose (proxy without --errors)', () => {
  it('no admin token → 401 Not authenticated', async () => {
    const answer = await viaLenient('GET', '/api/v1/keys');
    expect([answer.status, answer.body]).toEqual([401, { detail: 'Not authenticated' }]);
  });

  it('invalid create body → 400 naming each bad field', async () => {
    const answer = await viaLenient('POST', '/api/v1/keys', { headers: admin, json: { name: '', service_id: 'nope' } });
    expect(answer.status).toBe(400);
    const fields = ((answer.body as { errors?: Array<{ field: string }> }).errors ?? []).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'service_id']));
  });

  it('key_id that is not a UUID → 400 naming key_id', async () => {
    const answer = await viaLenient('GET', '/api/v1/keys/not-a-uuid', { headers: admin });
    expect(answer.status).toBe(400);
    expect((answer.body as { errors?: Array<{ field: string }> }).errors?.map((e) => e.field)).toEqual(['key_id']);
  });
});
