// POST /api/v1/keys/validate: the three ways to send a key and the checks in order (api.md §3).
import { describe, expect, it } from 'vitest';
import { validationFailure, validationSuccess } from '../../support/fixtures';
import { DAY, makeTestApp } from '../support';


async function failure(res: Response) {
  return { status: res.status, body: await res.json() };
}

describe('sending the key', () => {
  it('accepts Authorization Bearer, Authorization ApiKey, X-API-Key and the body', async () => {
    const t = makeTestApp();
    const { api_key } = await t.createKey();
    const ways: RequestInit & { json?: unknown } = { method: 'POST' };
    const answers = await Promise.all([
      t.request('/api/v1/keys/validate', { ...ways, headers: { Authorization: `Bearer ${api_key}` } }),
      t.request('/api/v1/keys/validate', { ...ways, headers: { Authorization: `bearer ${api_key}` } }),
      t.request('/api/v1/keys/validate', { ...ways, headers: { Authorization: `ApiKey ${api_key}` } }),
      t.request('/api/v1/keys/validate', { ...ways, headers: { 'X-API-Key': api_key } }),
      t.request('/api/v1/keys/validate', { ...ways, json: { api_key } }),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
  });

  it('uses the first of Authorization, X-API-Key, body when several are sent', async () => {
    const t = makeTestApp();
    const good = (await t.createKey()).api_key;
    const bad = 'hk_test_ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ';
    const send = (headers: Record<string, string>, json: unknown) => t.request('/api/v1/keys/validate', { method: 'POST', headers, json });
    expect((await send({ Authorization: `Bearer ${good}`, 'X-API-Key': bad }, { api_key: bad })).status).toBe(200);
    expect((await send({ Authorization: `Bearer ${bad}`, 'X-API-Key': good }, { api_key: good })).status).toBe(401);
    expect((await send({ 'X-API-Key': good }, { api_key: bad })).status).toBe(200);
    expect((await send({ 'X-API-Key': bad }, { api_key: good })).status).toBe(401);
    // Basic auth is not an API key: the body key is used.
    expect((await send({ Authorization: 'Basic dXNlcjpwYXNz' }, { api_key: good })).status).toBe(200);
  });

  it('answers 400 "No API key provided" when there is none, with or without a body', async () => {
    const t = makeTestApp();
    for (const init of [{}, { json: {} }, { json: { service_id: 'prediction' } }, { json: { api_key: '' } }, { json: { api_key: null } }]) {
      const res = await t.request('/api/v1/keys/validate', { method: 'POST', ...init });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ detail: 'No API key provided' });
      expect(res.headers.has('X-RateLimit-Limit')).toBe(false);
    }
  });
});

describe('the checks, in order', () => {
  it('returns the key details on success', async () => {
    const t = makeTestApp();
    const { api_key, key_info } = await t.createKey({ scopes: ['predict'], monthly_prediction_limit: 500, billing_plan: 'pro' });
    const res = await t.validate(api_key, { service_id: 'prediction' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      is_valid: true,
      key_id: key_info.key_id,
      user_id: 'admin',
      service_id: 'prediction',
      scopes: ['predict'],
      rate_limit_per_hour: 1000,
      billing_plan: 'pro',
      monthly_prediction_limit: 500,
      // A `pro` owner gets no initial credits by default.
      has_sufficient_balance: false,
      balance: 0,
      organization_id: null,
    });
  });

  it('unknown or malformed key → invalid_key, without rate-limit headers', async () => {
    const t = makeTestApp();
    for (const key of ['hk_test_ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ', 'not-a-key', 'hk_AbCdEfGhIjKlMnOpQrStUvWxYz123456']) {
      const res = await t.validate(key);
      expect(await failure(res)).toEqual({ status: 401, body: validationFailure('invalid_key') });
      expect(res.headers.has('X-RateLimit-Limit')).toBe(false);
    }
  });

  it('revoked → revoked, expired → expired (crossing the expiry with the clock)', async () => {
    const t = makeTestApp();
    const expiring = await t.createKey({ expires_in_days: 1 });
    t.clock.advance(DAY - 1);
    expect((await t.validate(expiring.api_key)).status).toBe(200);
    t.clock.advance(1);
    expect(await failure(await t.validate(expiring.api_key))).toEqual({
      status: 401,
      body: validationFailure('expired'),
    });
    // Revocation is checked before expiry.
    await t.admin(`/api/v1/keys/${expiring.key_info.key_id}`, { method: 'DELETE' });
    expect((await failure(await t.validate(expiring.api_key))).body.error_code).toBe('revoked');
  });

  it('service_id must match; website and ml-platform count as platform', async () => {
    const t = makeTestApp();
    const prediction = (await t.createKey({ service_id: 'prediction' })).api_key;
    const platform = (await t.createKey({ service_id: 'platform' })).api_key;
    const code = async (key: string, service_id: string) => (await (await t.validate(key, { service_id })).json()).error_code ?? 'ok';
    expect(await code(prediction, 'prediction')).toBe('ok');
    expect(await code(prediction, 'platform')).toBe('service_mismatch');
    expect(await code(prediction, 'website')).toBe('service_mismatch');
    expect(await code(platform, 'platform')).toBe('ok');
    expect(await code(platform, 'website')).toBe('ok');
    expect(await code(platform, 'ml-platform')).toBe('ok');
    expect(await code(platform, 'prediction')).toBe('service_mismatch');
    expect(await code(platform, 'something-else')).toBe('service_mismatch');
    const res = await t.validate(prediction, { service_id: 'platform' });
    expect((await res.json()).error).toBe('Key not authorized for this service');
  });

  it('required_scope must be among the scopes; no scopes means every scope', async () => {
    const t = makeTestApp();
    const scoped = (await t.createKey({ scopes: ['predict', 'read'] })).api_key;
    const unscoped = (await t.createKey({ scopes: [] })).api_key;
    expect((await t.validate(scoped, { required_scope: 'read' })).status).toBe(200);
    const res = await t.validate(scoped, { required_scope: 'admin' });
    expect(await failure(res)).toEqual({
      status: 401,
      body: validationFailure('insufficient_scope'),
    });
    expect((await t.validate(unscoped, { required_scope: 'admin' })).status).toBe(200);
  });

  it('checks the service before the scope and the scope before the IP', async () => {
    const t = makeTestApp();
    const key = (await t.createKey({ scopes: ['predict'], allowed_ips: ['10.0.0.0/8'] })).api_key;
    const code = async (body: Record<string, unknown>) => (await (await t.validate(key, body)).json()).error_code;
    expect(await code({ service_id: 'platform', required_scope: 'nope', client_ip: '8.8.8.8' })).toBe('service_mismatch');
    expect(await code({ required_scope: 'nope', client_ip: '8.8.8.8' })).toBe('insufficient_scope');
    expect(await code({ client_ip: '8.8.8.8' })).toBe('ip_not_allowed');
  });

  it('null fields count as not given', async () => {
    const t = makeTestApp();
    const key = (await t.createKey()).api_key;
    expect((await t.validate(key, { service_id: null, required_scope: null, client_ip: null })).status).toBe(200);
  });

  it('ignores body fields it does not know', async () => {
    const t = makeTestApp();
    const key = (await t.createKey()).api_key;
    expect((await t.validate(key, { future_field: 1 })).status).toBe(200);
  });

  it('sets last_used_at on success only', async () => {
    const t = makeTestApp();
    const { api_key, key_info } = await t.createKey();
    t.clock.advance(60_000);
    await t.validate(api_key, { service_id: 'platform' }); // fails
    expect((await (await t.admin(`/api/v1/keys/${key_info.key_id}`)).json()).last_used_at).toBeNull();
    await t.validate(api_key);
    expect((await (await t.admin(`/api/v1/keys/${key_info.key_id}`)).json()).last_used_at).toBe('2025-01-15T10:31:00Z');
  });
});

describe('IP allowlists', () => {
  it('checks client_ip from the body against addresses and CIDR ranges', async () => {
    const t = makeTestApp();
    const key = (await t.createKey({ allowed_ips: ['203.0.113.10', '10.0.0.0/8', '2001:db8::/32'] })).api_key;
    const status = async (client_ip: string) => (await t.validate(key, { client_ip })).status;
    expect(await status('203.0.113.10')).toBe(200);
    expect(await status('10.200.3.4')).toBe(200);
    expect(await status('2001:db8:1::5')).toBe(200);
    expect(await status('203.0.113.11')).toBe(401);
    expect(await status('2001:db9::1')).toBe(401);
    const res = await t.validate(key, { client_ip: '192.0.2.1' });
    expect(await res.json()).toMatchObject({ error: 'IP address not in allowlist', error_code: 'ip_not_allowed' });
  });

  it('uses the connection address when the body has no client_ip, IPv4-mapped IPv6 included', async () => {
    const t = makeTestApp();
    const key = (await t.createKey({ allowed_ips: ['10.0.0.0/8'] })).api_key;
    expect((await t.validate(key, {}, '10.1.1.1')).status).toBe(200);
    expect((await t.validate(key, {}, '::ffff:10.1.1.1')).status).toBe(200);
    expect((await t.validate(key, {}, '::ffff:192.0.2.1')).status).toBe(401);
    expect((await t.validate(key, {}, '192.0.2.1')).status).toBe(401);
    // client_ip in the body wins over the connection address.
    expect((await t.validate(key, { client_ip: '10.9.9.9' }, '192.0.2.1')).status).toBe(200);
  });

  it('lets any IP through when the allowlist is null or empty', async () => {
    const t = makeTestApp();
    for (const allowed_ips of [null, []]) {
      const key = (await t.createKey({ allowed_ips })).api_key;
      expect((await t.validate(key, { client_ip: '198.51.100.7' })).status).toBe(200);
    }
  });

  it('accepts client_ip as services forward it, and ignores it for a key without an allowlist', async () => {
    const t = makeTestApp();
    const key = (await t.createKey()).api_key;
    for (const client_ip of ['203.0.113.7:51234', '[2001:db8::1]:443', 'unknown', 'testclient', '999.1.1.1', '10.0.0.0/8', '']) {
      expect((await t.validate(key, { client_ip })).status).toBe(200);
    }
  });

  it('understands an address with a port in an allowlist check, and refuses what is no address', async () => {
    const t = makeTestApp();
    const key = (await t.createKey({ allowed_ips: ['203.0.113.0/24', '2001:db8::/32'] })).api_key;
    const answer = async (client_ip: string) => {
      const res = await t.validate(key, { client_ip });
      return [res.status, ((await res.json()) as { error_code?: string }).error_code];
    };
    expect(await answer('203.0.113.7:51234')).toEqual([200, undefined]);
    expect(await answer('[2001:db8::1]:443')).toEqual([200, undefined]);
    expect(await answer('[2001:db8::1]')).toEqual([200, undefined]);
    expect(await answer(' 203.0.113.7 ')).toEqual([200, undefined]);
    for (const client_ip of ['testclient', 'unknown', '203.0.113.7:99999', '[2001:db8::1]:', '198.51.100.7:80', '', 'x'.repeat(256)]) {
      expect(await answer(client_ip)).toEqual([401, 'ip_not_allowed']);
    }
  });

  it('answers 400 naming client_ip only when it is not a string or longer than 256 characters', async () => {
    const t = makeTestApp();
    const key = (await t.createKey()).api_key;
    for (const client_ip of [42, 'x'.repeat(257)]) {
      const res = await t.validate(key, { client_ip });
      expect(res.status).toBe(400);
      expect((await res.json()).errors).toEqual([{ field: 'client_ip', message: expect.any(String) }]);
    }
  });
});

describe('rate-limit headers', () => {
  it('are on every validate answer once the key is known, failures included', async () => {
    const t = makeTestApp();
    const { api_key } = await t.createKey({ rate_limit_per_hour: 10 });
    const ok = await t.validate(api_key);
    expect(ok.headers.get('X-RateLimit-Limit')).toBe('10');
    expect(ok.headers.get('X-RateLimit-Remaining')).toBe('9');
    expect(ok.headers.get('X-RateLimit-Reset')).toBe(String(Date.parse('2025-01-15T11:30:00Z') / 1000));
    const failed = await t.validate(api_key, { service_id: 'platform' });
    expect(failed.status).toBe(401);
    expect(failed.headers.get('X-RateLimit-Limit')).toBe('10');
    expect(failed.headers.get('X-RateLimit-Remaining')).toBe('9'); // failures are not counted
  });
});
