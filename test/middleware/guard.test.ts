// The key guard's answers: where it finds the key, which client IP it validates, the 401/403
// texts of the auth service, the per-request hook and the batched usage records.
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/client';
import { createKeyGuard } from '../../src/middleware';
import { bearer, inProcessStub } from './stub';

describe('createKeyGuard', () => {
  it('finds the key like the auth service: Bearer, ApiKey, X-API-Key, then body api_key — never the query string', async () => {
    const stub = inProcessStub();
    const guard = stub.guard();
    const { api_key, key_info } = await stub.newKey();
    const requests = [
      { headers: { authorization: `Bearer ${api_key}` } },
      { headers: { authorization: `ApiKey ${api_key}` } },
      { headers: new Headers({ 'X-API-Key': api_key }) },
      { headers: {}, body: { api_key } },
      { headers: { 'x-api-key': api_key }, body: { api_key: 'hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456' } },
    ];
    for (const request of requests) expect(await guard.check(request)).toMatchObject({ ok: true, key: { key_id: key_info.key_id } });

    const missing = { ok: false, status: 401, headers: { 'WWW-Authenticate': 'Bearer' }, body: { detail: 'No API key provided', error_code: 'missing_key' } };
    expect(await guard.check({ headers: {} })).toEqual(missing);
    expect(await guard.check({ headers: { authorization: `Basic ${btoa('user:pass')}` } })).toEqual(missing);
    expect(await guard.check({ headers: { host: 'x' }, body: `api_key=${api_key}` })).toEqual(missing);
  });

  it('answers the auth service’s texts: 401 for unknown/revoked/expired keys, 403 for a key that may not be used here', async () => {
    const stub = inProcessStub();
    const guard = stub.guard({ cache: false });
    const platform = await stub.newKey({ service_id: 'platform' });
    const readOnly = await stub.newKey({ scopes: ['read'] });
    const expired = await stub.app.controls.seedKey({ name: 'old', service_id: 'prediction', expires_at: '2025-01-01T00:00:00Z' });
    const cases: [string, number, string, string][] = [
      ['hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456', 401, 'Invalid API key', 'invalid_key'],
      [expired.api_key, 401, 'API key has expired', 'expired'],
      [platform.api_key, 403, 'Key not authorized for this service', 'service_mismatch'],
      [readOnly.api_key, 403, 'Key does not have required scope', 'insufficient_scope'],
    ];
    for (const [key, status, detail, error_code] of cases) {
      const outcome = await guard.check(bearer(key));
      expect(outcome).toEqual({ ok: false, status, headers: status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {}, body: { detail, error_code } });
    }
  });

  it('validates the connection’s address by default, and the first untrusted X-Forwarded-For hop with trustProxy', async () => {
    const stub = inProcessStub();
    const { api_key } = await stub.newKey({ allowed_ips: ['203.0.113.7'] });
    const forwarded = { headers: { authorization: `Bearer ${api_key}`, 'x-forwarded-for': '203.0.113.7, 10.0.0.2' }, remoteAddress: '10.0.0.1' };
    expect(await stub.guard().check(forwarded)).toMatchObject({ ok: false, status: 403, body: { error_code: 'ip_not_allowed' } });
    expect(await stub.guard({ trustProxy: true }).check(forwarded)).toMatchObject({ ok: true });
    expect(await stub.guard({ trustProxy: ['10.0.0.1'] }).check(forwarded)).toMatchObject({ ok: false, status: 403 });
    expect(await stub.guard({ trustProxy: ['10.0.0.0/8'] }).check(forwarded)).toMatchObject({ ok: true });
    // A client cannot forge its way in by prepending hops: the untrusted hop nearest the service counts.
    const forged = { ...forwarded, headers: { ...forwarded.headers, 'x-forwarded-for': '203.0.113.7, 198.51.100.9, 10.0.0.2' } };
    expect(await stub.guard({ trustProxy: true }).check(forged)).toMatchObject({ ok: false, status: 403 });
    // No address at all: an allowlisted key is refused rather than checked against the guard's own.
    expect(await stub.guard().check({ headers: forwarded.headers })).toMatchObject({ ok: false, status: 403 });
  });

  it('runs beforeAccept on every accepted request, cached or not, and refuses with its answer', async () => {
    const stub = inProcessStub();
    const { api_key, key_info } = await stub.newKey();
    const seen: string[] = [];
    let refuse = false;
    const guard = stub.guard({
      beforeAccept: (key) => {
        seen.push(key.key_id);
        if (refuse) return { ok: false, status: 402, headers: {}, body: { detail: 'Insufficient balance', error_code: 'insufficient_balance' } };
      },
    });
    expect((await guard.check(bearer(api_key))).ok).toBe(true);
    refuse = true;
    expect(await guard.check(bearer(api_key))).toMatchObject({ ok: false, status: 402, body: { error_code: 'insufficient_balance' } });
    expect(seen).toEqual([key_info.key_id, key_info.key_id]);
  });

  it('records usage in batches — at maxBatch or every flushEveryMs — with idempotency keys, and flushes on close()', async () => {
    const stub = inProcessStub();
    const { api_key, key_info } = await stub.newKey();
    const guard = stub.guard({ usage: { flushEveryMs: 60_000, maxBatch: 3 } });
    const outcome = await guard.check(bearer(api_key));
    if (!outcome.ok) throw new Error('expected the key to be accepted');
    const record = { endpoint: '/v1/predict', status_code: 200, response_time_ms: 3, predictions_count: 2 };
    guard.recordUsage(outcome.key, record);
    guard.recordUsage(outcome.key, record);
    expect(stub.calls.usageRecords).toBe(0);
    guard.recordUsage(outcome.key, record);
    guard.recordUsage(outcome.key, { ...record, status_code: 500 });
    await guard.close();
    expect(stub.calls.usageRecords).toBe(4);
    const stats = await stub.admin.usage.stats(key_info.key_id);
    expect(stats).toMatchObject({ total_requests: 4, total_predictions: 8, error_rate: 0.25, top_endpoints: [{ endpoint: '/v1/predict', count: 4 }] });
  });

  it('sends queued usage after flushEveryMs without any call', async () => {
    const stub = inProcessStub();
    const { api_key, key_info } = await stub.newKey();
    const guard = stub.guard({ usage: { flushEveryMs: 20 } });
    const outcome = await guard.check(bearer(api_key));
    if (outcome.ok) guard.recordUsage(outcome.key, { endpoint: '/v1/predict', status_code: 200, response_time_ms: 1 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await stub.admin.usage.stats(key_info.key_id)).total_requests).toBe(1);
  });

  it('rejects unusable settings with a message naming the option', () => {
    const { service } = inProcessStub();
    expect(() => createKeyGuard({ auth: service, service_id: 'prediction', cache: { ttlMs: -1 } })).toThrow(ConfigurationError);
    expect(() => createKeyGuard({ auth: service, service_id: 'prediction', cache: { ttlMs: -1 } })).toThrow(/cache\.ttlMs/);
    expect(() => createKeyGuard({ auth: service, service_id: 'prediction', timeoutMs: 0 })).toThrow(/timeoutMs/);
  });
});
