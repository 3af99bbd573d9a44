// Admin token hygiene: a minimum length for the server command, and a throttle on wrong tokens.
import { describe, expect, it } from 'vitest';
import { MIN_ADMIN_TOKEN_LENGTH, parseMainArgs } from '../../../src/server/cli-args';
import { QUICKSTART_ADMIN_TOKEN } from '../../../src/server/quickstart';
import { ADMIN_TOKEN, makeTestApp } from '../support';

describe('admin token length', () => {
  it(`refuses a token shorter than ${MIN_ADMIN_TOKEN_LENGTH} characters, from the flag or the environment`, () => {
    expect(() => parseMainArgs(['--admin-token', 'short-token'], {})).toThrow(/at least 16 characters \(got 11\).*--insecure-short-token/);
    expect(() => parseMainArgs([], { HOKUSAI_ADMIN_TOKEN: 'short-token' })).toThrow(/at least 16/);
    expect(parseMainArgs(['--admin-token', 'x'.repeat(16)], {}).adminToken).toBe('x'.repeat(16));
  });

  it('accepts a short one with --insecure-short-token, and in quickstart mode', () => {
    expect(parseMainArgs(['--admin-token', 'short', '--insecure-short-token'], {}).adminToken).toBe('short');
    expect(parseMainArgs(['--quickstart'], {}).adminToken).toBe(QUICKSTART_ADMIN_TOKEN);
    expect(parseMainArgs(['--quickstart', '--admin-token', 'dev'], {}).adminToken).toBe('dev');
  });
});

describe('failed admin attempts', () => {
  it('answer 429 with Retry-After after 10 wrong tokens in a minute from one client, right token or not', async () => {
    const t = makeTestApp();
    const wrong = { Authorization: 'Bearer wrong-token-0123456789abcdef' };
    for (let i = 0; i < 10; i++) expect((await t.request('/api/v1/keys', { headers: wrong, ip: '203.0.113.9' })).status).toBe(401);
    const blocked = await t.request('/api/v1/keys', { headers: wrong, ip: '203.0.113.9' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(await blocked.json()).toEqual({ detail: 'Too many failed admin attempts; retry later' });
    const right = await t.request('/api/v1/keys', { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` }, ip: '203.0.113.9' });
    expect(right.status).toBe(429);
    // Another client is not affected; the public routes are not either.
    expect((await t.request('/api/v1/keys', { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` }, ip: '203.0.113.10' })).status).toBe(200);
    expect((await t.request('/health', { ip: '203.0.113.9' })).status).toBe(200);
    // A minute later the client may try again.
    t.clock.advance(60_000);
    expect((await t.request('/api/v1/keys', { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` }, ip: '203.0.113.9' })).status).toBe(200);
  });
});
