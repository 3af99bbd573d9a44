// The cache never lets a key exceed its rate_limit_per_hour: the guard counts every request it
// lets through, starting from the auth service's count at each validation.
import { describe, expect, it } from 'vitest';
import { bearer, inProcessStub } from './stub';

describe('rate limits with the cache', () => {
  it('answers 429 itself once the key’s hourly limit is used up from cache, with Retry-After and X-RateLimit-*', async () => {
    const stub = inProcessStub();
    const guard = stub.guard();
    const { api_key } = await stub.newKey({ rate_limit_per_hour: 10 });
    for (let i = 0; i < 10; i++) expect((await guard.check(bearer(api_key))).ok).toBe(true);
    expect(stub.calls.validations).toBe(1);

    const limited = await guard.check(bearer(api_key));
    // Uses are counted in whole seconds, to the end of their second: never a moment too short.
    const resetAt = Math.floor(stub.clock.now() / 1000) + 1 + 3600;
    expect(limited).toEqual({
      ok: false,
      status: 429,
      headers: { 'Retry-After': '3601', 'X-RateLimit-Limit': '10', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(resetAt) },
      body: { detail: 'Rate limit exceeded', error_code: 'rate_limited' },
    });
    // A refused request is not a use: once the first uses have left the hour, the key is served again.
    stub.clock.advance(3_600_999);
    expect((await guard.check(bearer(api_key))).ok).toBe(false);
    stub.clock.advance(1);
    expect((await guard.check(bearer(api_key))).ok).toBe(true);
  });

  it('starts from the auth service’s count, so uses elsewhere count too', async () => {
    const stub = inProcessStub();
    const { api_key } = await stub.newKey({ rate_limit_per_hour: 10 });
    for (let i = 0; i < 6; i++) await stub.service.validate(api_key, { service_id: 'prediction' });
    const guard = stub.guard();
    const served = [];
    for (let i = 0; i < 6; i++) served.push((await guard.check(bearer(api_key))).ok);
    expect(served).toEqual([true, true, true, true, false, false]);
  });

  it('passes on the auth service’s own 429 and does not cache it', async () => {
    const stub = inProcessStub();
    const { api_key } = await stub.newKey({ rate_limit_per_hour: 10 });
    for (let i = 0; i < 10; i++) await stub.service.validate(api_key, { service_id: 'prediction' });
    const guard = stub.guard();
    const limited = await guard.check(bearer(api_key));
    expect(limited).toMatchObject({ ok: false, status: 429, body: { detail: 'Rate limit exceeded', error_code: 'rate_limited' } });
    expect(limited.ok || limited.headers).toMatchObject({ 'Retry-After': '3600', 'X-RateLimit-Limit': '10', 'X-RateLimit-Remaining': '0' });
    await guard.check(bearer(api_key));
    expect(stub.calls.validations).toBe(12);
  });
});
