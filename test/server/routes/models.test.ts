// GET /v1/models: the local Hokusai service that takes an API key (api.md §6, quickstart step 3).
import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../support';

const models = (t: ReturnType<typeof makeTestApp>, headers: Record<string, string> = {}, ip?: string) =>
  t.request('/v1/models', { headers, ...(ip ? { ip } : {}) });

describe('GET /v1/models', () => {
  it('lists models for a valid prediction key sent any of the header ways', async () => {
    const t = makeTestApp();
    const { api_key } = await t.createKey({ environment: 'test' });
    const ways: Record<string, string>[] = [{ Authorization: `Bearer ${api_key}` }, { Authorization: `ApiKey ${api_key}` }, { 'X-API-Key': api_key }];
    for (const headers of ways) {
      const res = await models(t, headers);
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.models.length).toBeGreaterThan(0);
      for (const model of body.models) expect(model).toEqual({ id: expect.any(String), name: expect.any(String), description: expect.any(String), owned_by: 'hokusai' });
      expect(res.headers.get('X-RateLimit-Limit')).toBe('1000');
    }
  });

  it('records one usage record per successful call', async () => {
    const t = makeTestApp();
    const { api_key, key_info } = await t.createKey();
    await models(t, { Authorization: `Bearer ${api_key}` });
    await models(t, { Authorization: `Bearer ${api_key}` });
    await models(t, { Authorization: 'Bearer hk_test_ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ' });
    const stats = await (await t.admin(`/api/v1/usage/${key_info.key_id}/stats`)).json();
    expect(stats).toMatchObject({ total_requests: 2, error_rate: 0, top_endpoints: [{ endpoint: '/v1/models', count: 2 }] });
  });

  it('answers 401 with the validation error text', async () => {
    const t = makeTestApp();
    const platform = (await t.createKey({ service_id: 'platform' })).api_key;
    const revoked = await t.createKey();
    await t.admin(`/api/v1/keys/${revoked.key_info.key_id}`, { method: 'DELETE' });
    const restricted = (await t.createKey({ allowed_ips: ['10.0.0.0/8'] })).api_key;
    const cases: [Record<string, string>, string, string?][] = [
      [{}, 'No API key provided'],
      [{ Authorization: 'Basic dXNlcjpwYXNz' }, 'No API key provided'],
      [{ Authorization: 'Bearer hk_test_ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ' }, 'Invalid API key'],
      [{ Authorization: `Bearer ${revoked.api_key}` }, 'API key is inactive or has been revoked'],
      [{ Authorization: `Bearer ${platform}` }, 'Key not authorized for this service'],
      [{ Authorization: `Bearer ${restricted}` }, 'IP address not in allowlist', '192.0.2.1'],
    ];
    for (const [headers, detail, ip] of cases) {
      const res = await models(t, headers, ip);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ detail });
    }
    expect((await models(t, { Authorization: `Bearer ${restricted}` }, '10.0.0.7')).status).toBe(200);
  });

  it('shares the key rate limit with validation and answers 429 with Retry-After', async () => {
    const t = makeTestApp();
    const { api_key } = await t.createKey({ rate_limit_per_hour: 10 });
    for (let i = 0; i < 5; i++) await t.validate(api_key);
    for (let i = 0; i < 5; i++) expect((await models(t, { 'X-API-Key': api_key })).status).toBe(200);
    const limited = await models(t, { 'X-API-Key': api_key });
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({ detail: 'Rate limit exceeded' });
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
  });
});
