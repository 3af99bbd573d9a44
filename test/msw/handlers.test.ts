// The msw handlers in Node (setupServer): the SDK's own global fetch is intercepted and answered
// by the stateful stub, so a test suite needs no server process.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { APIConnectionError, AuthenticationError, HokusaiAuth, NotFoundError, type CreateApiKeyParams } from '../../src/client';
import { createHokusaiHandlers } from '../../src/msw';
import { createApp, ManualClock } from '../../src/server';

const KEY_FIELDS: CreateApiKeyParams = { name: 'My First Key', service_id: 'prediction', scopes: ['predict'], environment: 'test' };

const hokusai = createHokusaiHandlers({ adminToken: 'msw-admin-token' });
const prefixed = createHokusaiHandlers({ baseUrl: 'http://localhost:3000/auth/' });
const ipAware = createHokusaiHandlers({
  baseUrl: 'http://ip.msw.test',
  clientIp: (request) => request.headers.get('X-Test-Client-Ip') ?? undefined,
});
const sharedApp = createApp({ adminToken: 'shared-admin-token', clock: new ManualClock('2025-01-15T10:30:00Z'), testKit: true });
const shared = createHokusaiHandlers({ baseUrl: 'http://shared.msw.test', app: sharedApp });
const other = http.get('http://localhost:3000/other', () => HttpResponse.json({ other: true }));

const server = setupServer(...hokusai.handlers, ...prefixed.handlers, ...ipAware.handlers, ...shared.handlers, other);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  for (const stub of [hokusai, prefixed, ipAware, shared]) stub.controls.reset();
});
afterAll(() => server.close());

describe('createHokusaiHandlers with setupServer', () => {
  it('answers the SDK at its default base URL (https://auth.hokus.ai) with no configuration but the admin token', async () => {
    expect(hokusai.baseUrl).toBe('https://auth.hokus.ai');
    const auth = new HokusaiAuth({ adminToken: hokusai.adminToken });
    expect(await auth.health()).toEqual({ status: 'healthy' });
  });

  it('is stateful: a key created through the handlers validates through them, and a revocation applies at once', async () => {
    const auth = new HokusaiAuth({ adminToken: hokusai.adminToken, maxRetries: 0 });
    const { api_key, key_info } = await auth.keys.create(KEY_FIELDS);
    expect(key_info).toMatchObject({ name: 'My First Key', key_prefix: api_key.slice(0, 11) + '***', environment: 'test' });

    const valid = await auth.validate(api_key, { service_id: 'prediction', required_scope: 'predict' });
    expect(valid).toMatchObject({ is_valid: true, key_id: key_info.key_id, scopes: ['predict'], user_id: 'admin' });
    expect((await auth.models.list(api_key)).models.length).toBeGreaterThan(0);
    expect(hokusai.engine.usageStats(key_info.key_id).total_requests).toBe(1);

    await auth.keys.revoke(key_info.key_id);
    expect(await auth.validate(api_key)).toMatchObject({ is_valid: false, error_code: 'revoked' });
    expect(await auth.keys.get(key_info.key_id)).toMatchObject({ is_active: false });
  });

  it('keeps the admin token: a client with another token is refused', async () => {
    const auth = new HokusaiAuth({ adminToken: 'not-the-token', maxRetries: 0 });
    await expect(auth.keys.list()).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('serves a base URL with a path and leaves other paths of the same host to other handlers', async () => {
    expect(prefixed.baseUrl).toBe('http://localhost:3000/auth');
    const auth = new HokusaiAuth({ baseUrl: 'http://localhost:3000/auth', adminToken: prefixed.adminToken, maxRetries: 0 });
    const { api_key } = await auth.keys.create(KEY_FIELDS);
    expect(await auth.validate(api_key, { service_id: 'prediction' })).toMatchObject({ is_valid: true });
    expect(await (await fetch('http://localhost:3000/other')).json()).toEqual({ other: true });
  });

  it('answers unknown paths under the base URL like the server does (404 JSON), not with a network error', async () => {
    const auth = new HokusaiAuth({ adminToken: hokusai.adminToken, maxRetries: 0 });
    await expect(auth.keys.get('00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(NotFoundError);
    const response = await fetch('https://auth.hokus.ai/no/such/route');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ detail: 'Not found' });
  });

  it('does not serve the /__hokusai test-control routes: the handle is the way in', async () => {
    const response = await fetch('https://auth.hokus.ai/__hokusai/clock', { headers: { Authorization: `Bearer ${hokusai.adminToken}` } });
    expect(response.status).toBe(404);
  });

  it('plays the caller address given by clientIp against allowed_ips', async () => {
    const auth = new HokusaiAuth({ baseUrl: 'http://ip.msw.test', adminToken: ipAware.adminToken, maxRetries: 0 });
    const { api_key } = await auth.keys.create({ ...KEY_FIELDS, allowed_ips: ['10.0.0.0/8'] });
    const from = (ip: string) => new HokusaiAuth({ baseUrl: 'http://ip.msw.test', headers: { 'X-Test-Client-Ip': ip }, maxRetries: 0 });
    expect(await from('10.1.2.3').validate(api_key)).toMatchObject({ is_valid: true });
    expect(await from('192.0.2.7').validate(api_key)).toMatchObject({ is_valid: false, error_code: 'ip_not_allowed' });
  });

  it('can serve an existing app, sharing its state and clock with code that uses it directly', async () => {
    const { api_key } = await sharedApp.controls.seedKey({ name: 'direct', service_id: 'platform', expires_in_days: 1 });
    const auth = new HokusaiAuth({ baseUrl: 'http://shared.msw.test', maxRetries: 0 });
    expect(await auth.validate(api_key, { service_id: 'website' })).toMatchObject({ is_valid: true, service_id: 'platform' });
    expect(shared.adminToken).toBe('shared-admin-token');
    shared.controls.clock.advance(86_400_000);
    expect(await auth.validate(api_key)).toMatchObject({ is_valid: false, error_code: 'expired' });
  });

  it('turns a dropped connection into a network error the SDK reports as APIConnectionError', async () => {
    hokusai.controls.failNext({ path: '/health', drop: true });
    const error = await new HokusaiAuth({ maxRetries: 0 }).health().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    await expect(fetch('https://auth.hokus.ai/health')).resolves.toMatchObject({ status: 200 });
  });

  it('keeps separate handler sets apart: each has its own keys', async () => {
    const { api_key } = await new HokusaiAuth({ adminToken: hokusai.adminToken }).keys.create(KEY_FIELDS);
    const elsewhere = new HokusaiAuth({ baseUrl: 'http://ip.msw.test', maxRetries: 0 });
    expect(await elsewhere.validate(api_key)).toMatchObject({ is_valid: false, error_code: 'invalid_key' });
  });

  it('refuses a base URL it could not intercept', () => {
    expect(() => createHokusaiHandlers({ baseUrl: 'auth.hokus.ai' })).toThrow(TypeError);
    expect(() => createHokusaiHandlers({ baseUrl: 'ftp://auth.hokus.ai' })).toThrow(/http\(s\)/);
    expect(() => createHokusaiHandlers({ baseUrl: 'https://auth.hokus.ai/?x=1' })).toThrow(/query/);
  });
});
