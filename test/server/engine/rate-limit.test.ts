// The sliding-hour rate limit of successful validations (api.md §3), moved through with a ManualClock.
import { describe, expect, it } from 'vitest';
import { HOUR, makeTestApp } from '../support';

describe('rate limit', () => {
  it('allows rate_limit_per_hour successes, then answers 429 with Retry-After', async () => {
    const t = makeTestApp();
    const { api_key } = await t.createKey({ rate_limit_per_hour: 10 });
    for (let i = 0; i < 10; i++) {
      const res = await t.validate(api_key);
      expect(res.status).toBe(200);
      expect(res.headers.get('X-RateLimit-Remaining')).toBe(String(9 - i));
      t.clock.advance(60_000); // one a minute
    }
    const limited = await t.validate(api_key);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ is_valid: false, error: 'Rate limit exceeded', error_code: 'rate_limited', key_id: null });
    // The first success was at 10:30:00; now is 10:40:00, so it leaves the window in 50 minutes.
    expect(limited.headers.get('Retry-After')).toBe(String(50 * 60));
    expect(limited.headers.get('X-RateLimit-Limit')).toBe('10');
    expect(limited.headers.get('X-RateLimit-Remaining')).toBe('0');
    expect(limited.headers.get('X-RateLimit-Reset')).toBe(String(Date.parse('2025-01-15T11:30:00Z') / 1000));
  });

  it('slides: each old success frees one slot exactly an hour after it', async () => {
    const t = makeTestApp();
    const { api_key } = await t.createKey({ rate_limit_per_hour: 10 });
    for (let i = 0; i < 10; i++) {
      await t.validate(api_key);
      t.clock.advance(60_000);
    }
    // 10:40. The first success (10:30) leaves at 11:30, the second (10:31) at 11:31.
    t.clock.set('2025-01-15T11:29:59Z');
    expect((await t.validate(api_key)).status).toBe(429);
    t.clock.set('2025-01-15T11:30:00Z');
    expect((await t.validate(api_key)).status).toBe(200);
    expect((await t.validate(api_key)).status).toBe(429);
    t.clock.set('2025-01-15T11:31:00Z');
    expect((await t.validate(api_key)).status).toBe(200);
    // A whole hour later everything is free again.
    t.clock.advance(HOUR);
    const fresh = await t.validate(api_key);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('X-RateLimit-Remaining')).toBe('9');
  });

  it('counts only successes: failed checks and 429s do not use the limit', async () => {
    const t = makeTestApp();
    const { api_key } = await t.createKey({ rate_limit_per_hour: 10, scopes: ['predict'] });
    for (let i = 0; i < 25; i++) await t.validate(api_key, { required_scope: 'admin' });
    for (let i = 0; i < 10; i++) expect((await t.validate(api_key)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await t.validate(api_key)).status).toBe(429);
    t.clock.advance(HOUR);
    expect((await t.validate(api_key)).headers.get('X-RateLimit-Remaining')).toBe('9');
  });

  it('keeps a window per key', async () => {
    const t = makeTestApp();
    const a = (await t.createKey({ rate_limit_per_hour: 10 })).api_key;
    const b = (await t.createKey({ rate_limit_per_hour: 10 })).api_key;
    for (let i = 0; i < 10; i++) await t.validate(a);
    expect((await t.validate(a)).status).toBe(429);
    expect((await t.validate(b)).status).toBe(200);
  });

  it('checks every other rule before the rate limit', async () => {
    const t = makeTestApp();
    const { api_key } = await t.createKey({ rate_limit_per_hour: 10 });
    for (let i = 0; i < 10; i++) await t.validate(api_key);
    const res = await t.validate(api_key, { service_id: 'platform' });
    expect(res.status).toBe(401);
    expect((await res.json()).error_code).toBe('service_mismatch');
  });

  it('lets exactly the limit through when validations arrive at once', async () => {
    const t = makeTestApp();
    const { api_key } = await t.createKey({ rate_limit_per_hour: 100 });
    const answers = await Promise.all(Array.from({ length: 150 }, () => t.validate(api_key)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(100);
    expect(statuses.filter((s) => s === 429)).toHaveLength(50);
  });
});
