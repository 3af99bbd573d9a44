// The facade against the real stub server: in-process (its fetch handler) and over TCP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  HokusaiAuth,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitError,
  type HokusaiAuthOptions,
} from '../../src/client';
import { createApp, ManualClock } from '../../src/server';
import { startServer, type RunningServer } from '../../src/server/node';
import { validationSuccess } from '../support/fixtures';

const ADMIN = 'stub-admin-token-for-client-tests';
const START = '2025-01-15T10:30:00Z';
const HOUR = 3_600_000;

interface Target {
  clock: ManualClock;
  client(options?: HokusaiAuthOptions): HokusaiAuth;
}

async function inProcess(): Promise<Target & { close(): Promise<void> }> {
  const clock = new ManualClock(START);
  const app = createApp({ adminToken: ADMIN, clock, logger: { error: () => undefined } });
  return {
    clock,
    client: (options = {}) =>
      new HokusaiAuth(
        { baseUrl: 'http://stub.local', adminToken: ADMIN, fetch: (request: Request) => app.fetch(request), ...options },
          { sleep: async () => {}, now: () => clock.now() },
      ),
    close: async () => {},
  };
}

async function overTcp(): Promise<Target & { close(): Promise<void> }> {
  const clock = new ManualClock(START);
  const server: RunningServer = await startServer({ port: 0, memory: true, adminToken: ADMIN, clock, quiet: true });
  return {
    clock,
    client: (options = {}) =>
      new HokusaiAuth(
        { baseUrl: server.url, adminToken: ADMIN, ...options }, { sleep: async () => {}, now: () => clock.now() },
      ),
    close: () => server.close(),
  };
}

describe.each([
  ['in-process', inProcess],
  ['over TCP', overTcp],
])('against the stub server (%s)', (_mode, start) => {
  let target: Target & { close(): Promise<void> };
  let auth: HokusaiAuth;

  beforeAll(async () => {
    target = await start();
    auth = target.client();
  });
  afterAll(() => target.close());

  const newKey = (extra: Partial<Parameters<HokusaiAuth['keys']['create']>[0]> = {}) =>
    auth.keys.create({ name: 'My First Key', service_id: 'prediction', scopes: ['predict'], environment: 'test', ...extra });

  it('runs the whole quickstart', async () => {
    // Step 1: create a key with the admin token.
    const { api_key, key_info } = await newKey();
    expect(api_key).toMatch(/^hk_test_[A-Za-z0-9]{32}$/);
    expect(key_info).toMatchObject({
      name: 'My First Key',
      key_prefix: `${api_key.slice(0, 11)}***`,
      service_id: 'prediction',
      scopes: ['predict'],
      environment: 'test',
      is_active: true,
      rate_limit_per_hour: 1000,
      created_at: START,
    });
    // Step 2: validate it.
    const result = await auth.validate(api_key, { service_id: 'prediction' });
    expect(result).toEqual(validationSuccess(key_info.key_id));
    // Step 3: use it with a Hokusai service.
    const { models } = await auth.models.list(api_key);
    expect(models.length).toBeGreaterThan(0);
    expect(models[0]).toHaveProperty('id');
  });

  it('validates with every way of sending the key', async () => {
    const { api_key } = await newKey();
    for (const via of ['bearer', 'x-api-key', 'body'] as const) {
      await expect(auth.validate(api_key, { via, required_scope: 'predict' })).resolves.toMatchObject({ is_valid: true });
    }
  });

  it('answers every refusal with is_valid: false and its error_code', async () => {
    const { api_key, key_info } = await newKey({ allowed_ips: ['10.0.0.0/8'], expires_in_days: 1 });
    const cases = [
      [auth.validate('hk_test_ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ'), 'invalid_key', 'Invalid API key'],
      [auth.validate(api_key, { service_id: 'platform', client_ip: '10.1.2.3' }), 'service_mismatch', 'Key not authorized for this service'],
      [auth.validate(api_key, { required_scope: 'admin', client_ip: '10.1.2.3' }), 'insufficient_scope', 'Key does not have required scope'],
      [auth.validate(api_key, { client_ip: '203.0.113.10' }), 'ip_not_allowed', 'IP address not in allowlist'],
    ] as const;
    for (const [pending, error_code, error] of cases) {
      await expect(pending).resolves.toMatchObject({ is_valid: false, error_code, error, key_id: null });
    }
    await expect(auth.validate(api_key, { client_ip: '10.1.2.3' })).resolves.toMatchObject({ is_valid: true });

    const rotated = await auth.keys.rotate(key_info.key_id);
    await expect(auth.validate(api_key)).resolves.toMatchObject({ is_valid: false, error_code: 'revoked' });
    target.clock.advance(25 * HOUR);
    await expect(auth.validate(rotated.api_key, { client_ip: '10.1.2.3' })).resolves.toMatchObject({
      is_valid: false,
      error_code: 'expired',
      error: 'API key has expired',
    });
  });

  it('answers rate_limited, and models.list throws RateLimitError with retryAfterMs', async () => {
    const { api_key } = await newKey({ rate_limit_per_hour: 10 });
    for (let i = 0; i < 10; i++) await auth.validate(api_key);
    await expect(auth.validate(api_key)).resolves.toMatchObject({ is_valid: false, error_code: 'rate_limited' });
    const error = await auth.models.list(api_key).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(0);
  });

  it('manages keys: list, get, revoke', async () => {
    const { api_key, key_info } = await newKey({ name: 'to revoke', service_id: 'platform' });
    const listed = await auth.keys.list({ service_id: 'platform' });
    expect(listed.map((k) => k.key_id)).toContain(key_info.key_id);
    expect(JSON.stringify(listed)).not.toContain(api_key);
    await expect(auth.keys.get(key_info.key_id)).resolves.toMatchObject({ key_id: key_info.key_id, is_active: true });
    await expect(auth.keys.revoke(key_info.key_id)).resolves.toEqual({ message: 'API key revoked successfully' });
    await expect(auth.keys.get(key_info.key_id)).resolves.toMatchObject({ is_active: false });
    expect((await auth.keys.list({ service_id: 'platform', active_only: true })).map((k) => k.key_id)).not.toContain(key_info.key_id);
    await expect(auth.validate(api_key)).resolves.toMatchObject({ is_valid: false, error_code: 'revoked' });
    const refused = await auth.models.list(api_key).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AuthenticationError);
    expect((refused as AuthenticationError).detail).toBe('API key is inactive or has been revoked');
  });

  it('records usage and reports stats, billing and aggregate', async () => {
    const { key_info } = await newKey({ monthly_prediction_limit: 2 });
    const id = key_info.key_id;
    await auth.usage.record(id, { service_id: 'prediction', endpoint: '/v1/predict', status_code: 200, response_time_ms: 100, predictions_count: 3 });
    await auth.usage.record(id, { service_id: 'prediction', endpoint: '/v1/predict', status_code: 500, response_time_ms: 300 });
    await expect(auth.usage.stats(id)).resolves.toMatchObject({
      key_id: id,
      period: '2025-01',
      total_requests: 2,
      total_predictions: 3,
      average_response_time_ms: 200,
      error_rate: 0.5,
      top_endpoints: [{ endpoint: '/v1/predict', count: 2 }],
    });
    const billing = await auth.usage.billing(id);
    expect(billing).toMatchObject({ key_id: id, monthly_limit: 2, current_usage: { requests: 2, predictions: 3 } });
    expect(billing.overage_charges).toBeCloseTo(0.001);
    const aggregate = await auth.usage.aggregate({ service_id: 'prediction' });
    expect(Object.keys(aggregate.usage_by_date).length).toBeGreaterThan(0);
  });

  it('replays an idempotent create and refuses the same key with another body', async () => {
    const first = await auth.keys.create({ name: 'once', service_id: 'prediction' }, { idempotencyKey: 'create-once' });
    const again = await auth.keys.create({ name: 'once', service_id: 'prediction' }, { idempotencyKey: 'create-once' });
    expect(again).toEqual(first);
    const conflict = await auth.keys.create({ name: 'other', service_id: 'prediction' }, { idempotencyKey: 'create-once' }).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(ConflictError);
  });

  it('turns every error path into its typed error', async () => {
    const wrong = target.client({ adminToken: 'not-the-admin-token' });
    await expect(wrong.keys.list()).rejects.toMatchObject({
      name: 'AuthenticationError',
      status: 401,
      detail: 'Invalid authentication credentials',
    });
    await expect(auth.keys.get('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      name: 'NotFoundError',
      detail: 'API key not found',
    });
    await expect(auth.keys.get('not-a-uuid')).rejects.toBeInstanceOf(BadRequestError);
    await expect(auth.usage.record('00000000-0000-4000-8000-000000000000', { service_id: 'p', endpoint: '/', status_code: 200, response_time_ms: 1 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(auth.usage.stats('00000000-0000-4000-8000-000000000000', { period: '2025-13' })).rejects.toMatchObject({ status: 400 });

    const invalid = await auth.keys.create({ name: '', service_id: 'billing' as never, rate_limit_per_hour: 5 }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(BadRequestError);
    const fields = (invalid as BadRequestError).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'service_id', 'rate_limit_per_hour']));
    expect((invalid as BadRequestError).requestId).toBeTruthy();

    const { key_info } = await newKey();
    await auth.keys.revoke(key_info.key_id);
    await expect(auth.keys.rotate(key_info.key_id)).rejects.toBeInstanceOf(BadRequestError);

    await expect(auth.keys.create({ name: 'x'.repeat(70_000), service_id: 'prediction' })).rejects.toBeInstanceOf(PayloadTooLargeError);
  });

  it('reports health and readiness', async () => {
    await expect(auth.health()).resolves.toEqual({ status: 'healthy' });
    await expect(auth.ready()).resolves.toMatchObject({ status: 'ready', checks: { database: true } });
  });
});
