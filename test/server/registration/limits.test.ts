// Registration abuse limits: per-IP, per-domain and global rolling windows (429 + Retry-After),
// temporary bans after repeated violations, whitelist bypass, the rate-limit-status endpoint,
// the admin ban views, and exact counting under 200 concurrent submissions.
import { describe, expect, it } from 'vitest';
import { registrationSettingsFrom, DEFAULT_REGISTRATION_SETTINGS } from '../../../src/server/registration/settings';
import { makeTestApp } from '../support';
import { ACME } from './helpers';

const HOUR = 3_600_000;
const body = (i: number, domain = 'example.org') => ({ ...ACME, contact_email: `person${i}@${domain}` });

describe('registration limits', () => {
  it('refuses the IP past its limit with 429 and Retry-After until the oldest submission leaves the window', async () => {
    const t = makeTestApp({ registration: { ipLimit: 2 } });
    expect((await t.request('/register', { method: 'POST', json: body(1), ip: '203.0.113.1' })).status).toBe(201);
    t.clock.advance(10 * 60_000);
    expect((await t.request('/register', { method: 'POST', json: body(2), ip: '203.0.113.1' })).status).toBe(201);
    const refused = await t.request('/register', { method: 'POST', json: body(3), ip: '203.0.113.1' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe(String(50 * 60));
    expect(await refused.json()).toEqual({ detail: 'Too many registrations from this IP address; retry later' });
    // Another IP is not affected; the first IP may submit again once the window moved on.
    expect((await t.request('/register', { method: 'POST', json: body(4), ip: '203.0.113.2' })).status).toBe(201);
    t.clock.advance(50 * 60_000);
    expect((await t.request('/register', { method: 'POST', json: body(5), ip: '203.0.113.1' })).status).toBe(201);
  });

  it('limits per email domain and globally', async () => {
    const t = makeTestApp({ registration: { domainLimit: 2, globalLimit: 3, banAfterViolations: 100 } });
    expect((await t.request('/register', { method: 'POST', json: body(1, 'acme.ai'), ip: '203.0.113.1' })).status).toBe(201);
    expect((await t.request('/register', { method: 'POST', json: body(2, 'ACME.ai'), ip: '203.0.113.2' })).status).toBe(201);
    const domain = await t.request('/register', { method: 'POST', json: body(3, 'acme.ai'), ip: '203.0.113.3' });
    expect(domain.status).toBe(429);
    expect((await domain.json()).detail).toBe('Too many registrations from this email domain; retry later');
    expect((await t.request('/register', { method: 'POST', json: body(4, 'other.org'), ip: '203.0.113.4' })).status).toBe(201);
    const global = await t.request('/register', { method: 'POST', json: body(5, 'third.org'), ip: '203.0.113.5' });
    expect(global.status).toBe(429);
    expect((await global.json()).detail).toBe('Too many registrations; retry later');
  });

  it('bans an IP after repeated violations; the admin sees and lifts the ban', async () => {
    const t = makeTestApp({ registration: { ipLimit: 1, banAfterViolations: 2, banSeconds: 600 } });
    const ip = '203.0.113.50';
    expect((await t.request('/register', { method: 'POST', json: body(1), ip })).status).toBe(201);
    expect((await t.request('/register', { method: 'POST', json: body(2), ip })).status).toBe(429);
    expect((await t.request('/register', { method: 'POST', json: body(3), ip })).status).toBe(429);
    const banned = await t.request('/register', { method: 'POST', json: body(4), ip });
    expect(banned.status).toBe(429);
    expect(banned.headers.get('retry-after')).toBe('600');
    expect((await banned.json()).detail).toBe('This IP address is temporarily banned from registering');

    const view = await (await t.admin(`/api/v1/admin/registration/bans/${ip}`)).json();
    expect(view).toEqual({ ip, banned: true, expires_at: '2025-01-15T10:40:00Z', violations: 2 });
    expect((await (await t.request('/register/rate-limit-status', { ip })).json())).toMatchObject({ banned: true, allowed: false, retry_after: 600 });

    expect((await t.admin(`/api/v1/admin/registration/bans/${ip}`, { method: 'DELETE' })).status).toBe(200);
    expect((await (await t.admin(`/api/v1/admin/registration/bans/${ip}`)).json())).toEqual({ ip, banned: false, expires_at: null, violations: 0 });
    expect((await t.admin(`/api/v1/admin/registration/bans/${ip}`, { method: 'DELETE' })).status).toBe(404);
    expect((await t.admin('/api/v1/admin/registration/bans/not-an-ip')).status).toBe(400);
    // A ban also ends by itself.
    await t.request('/register', { method: 'POST', json: body(5), ip });
    await t.request('/register', { method: 'POST', json: body(6), ip });
    expect((await (await t.admin(`/api/v1/admin/registration/bans/${ip}`)).json()).banned).toBe(true);
    t.clock.advance(HOUR + 1000);
    expect((await t.request('/register', { method: 'POST', json: body(7), ip })).status).toBe(201);
  });

  it('lets whitelisted IPs and domains through every limit while the entry is enabled', async () => {
    const t = makeTestApp({ registration: { ipLimit: 1, domainLimit: 1, banAfterViolations: 100 } });
    const entry = await (await t.admin('/api/v1/admin/registration/whitelist', { method: 'POST', json: { type: 'ip', value: '203.0.113.7', note: 'office' } })).json();
    expect(entry).toMatchObject({ type: 'ip', value: '203.0.113.7', note: 'office', enabled: true });
    for (let i = 0; i < 4; i += 1) expect((await t.request('/register', { method: 'POST', json: body(i, `d${i}.org`), ip: '203.0.113.7' })).status).toBe(201);
    expect((await (await t.request('/register/rate-limit-status', { ip: '203.0.113.7' })).json()).whitelisted).toBe(true);

    await t.admin(`/api/v1/admin/registration/whitelist/${entry.id}`, { method: 'PATCH', json: { enabled: false } });
    expect((await t.request('/register', { method: 'POST', json: body(9, 'd9.org'), ip: '203.0.113.7' })).status).toBe(201);
    expect((await t.request('/register', { method: 'POST', json: body(10, 'd10.org'), ip: '203.0.113.7' })).status).toBe(429);

    await t.admin('/api/v1/admin/registration/whitelist', { method: 'POST', json: { type: 'domain', value: 'Partner.io' } });
    for (let i = 0; i < 3; i += 1) expect((await t.request('/register', { method: 'POST', json: body(20 + i, 'partner.io'), ip: `203.0.113.${100 + i}` })).status).toBe(201);
    expect((await t.admin('/api/v1/admin/registration/whitelist', { method: 'POST', json: { type: 'domain', value: 'partner.io' } })).status).toBe(409);
    expect((await t.admin('/api/v1/admin/registration/whitelist', { method: 'POST', json: { type: 'ip', value: '999.1.1.1' } })).status).toBe(400);
    const list = await (await t.admin('/api/v1/admin/registration/whitelist?limit=1')).json();
    expect(list.items).toHaveLength(1);
    expect(list.next_cursor).not.toBeNull();
    expect((await t.admin(`/api/v1/admin/registration/whitelist/${entry.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await t.admin(`/api/v1/admin/registration/whitelist/${entry.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('reports all three windows in rate-limit-status without counting', async () => {
    const t = makeTestApp({ registration: { ipLimit: 3 } });
    await t.request('/register', { method: 'POST', json: body(1, 'acme.ai'), ip: '203.0.113.8' });
    for (let i = 0; i < 3; i += 1) {
      const status = await (await t.request('/register/rate-limit-status?email=dev@acme.ai', { ip: '203.0.113.8' })).json();
      expect(status).toEqual({
        allowed: true,
        retry_after: null,
        banned: false,
        ban_expires_at: null,
        whitelisted: false,
        ip: { limit: 3, remaining: 2, window_seconds: 3600, reset_at: '2025-01-15T11:30:00Z' },
        domain: { limit: 20, remaining: 19, window_seconds: 3600, reset_at: '2025-01-15T11:30:00Z' },
        global: { limit: 1000, remaining: 999, window_seconds: 3600, reset_at: '2025-01-15T11:30:00Z' },
      });
    }
    expect((await (await t.request('/register/rate-limit-status', { ip: '203.0.113.8' })).json()).domain).toBeNull();
    const bad = await t.request('/register/rate-limit-status?email=nope', { ip: '203.0.113.8' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual([{ field: 'email', message: 'Must be an email address' }]);
  });

  it('admits exactly the limit out of 200 concurrent submissions', async () => {
    const t = makeTestApp({ registration: { ipLimit: 7, banAfterViolations: 1000 } });
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => t.request('/register', { method: 'POST', json: body(i, `d${i}.org`), ip: '203.0.113.99' })));
    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(7);
    expect(statuses.filter((s) => s === 429)).toHaveLength(193);
    expect((await (await t.admin('/api/v1/admin/registrations?limit=100')).json()).items).toHaveLength(7);
    expect(t.app.controls.outbox()).toHaveLength(7);
  });

  it('reads its settings from flags, then environment variables, and names a bad one', () => {
    expect(registrationSettingsFrom({}, {})).toEqual(DEFAULT_REGISTRATION_SETTINGS);
    const settings = registrationSettingsFrom({ 'registration-ip-limit': '2', captcha: true }, { HOKUSAI_REGISTRATION_IP_LIMIT: '9', HOKUSAI_REGISTRATION_WINDOW: '60' });
    expect(settings).toMatchObject({ ipLimit: 2, windowSeconds: 60, captcha: true });
    expect(() => registrationSettingsFrom({ 'registration-ban-after': '0' }, {})).toThrow(/--registration-ban-after \(or HOKUSAI_REGISTRATION_BAN_AFTER\) must be a positive integer/);
  });
});
