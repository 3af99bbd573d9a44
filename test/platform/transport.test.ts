// The platform namespaces call through the main client's transport: what each sends, which
// calls are retried, and that no admin token, single-use token or claimed key reaches an error.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  BadRequestError,
  ConflictError,
  HokusaiAuth as MainHokusaiAuth,
  HokusaiAuthError,
  MissingAdminTokenError,
  NotFoundError,
  RateLimitError,
} from '../../src/client';
import { HokusaiAuth } from '../../src/platform';
import { ADMIN_TOKEN, BASE_URL, CLAIM_TOKEN, fakePlatform, json } from './fake-platform';

const FULL_KEY = 'hk_live_AbCdEfGhIjKlMnOpQrStUvWxYz123456';
const ID = 'f47ac10b-58cc-4372-a567-0e02b2c3d479';

function renderings(error: unknown): string {
  const e = error as Error;
  return [String(e), e.message, JSON.stringify(e), e.stack, inspect(e, { showHidden: true, depth: Infinity }), inspect(e.cause, { depth: Infinity })].join('\n');
}

describe('the platform client', () => {
  it('is the main client too: keys, validate and the rest are there', () => {
    const { auth } = fakePlatform([json({})]);
    expect(auth).toBeInstanceOf(MainHokusaiAuth);
    expect(typeof auth.keys.create).toBe('function');
    expect(typeof auth.validate).toBe('function');
  });

  it('sends each call to its documented path, with the admin token only where it is needed', async () => {
    const { auth, requests } = fakePlatform([json({ items: [], next_cursor: null })]);
    await auth.registration.submit({ organization_name: 'Acme AI Labs', contact_email: 'dev@acme.ai', contact_name: 'Jane Smith', use_case: 'Analytics' });
    await auth.registration.status('dev@acme.ai');
    await auth.registration.verifyEmail('verify-token');
    await auth.registration.claim(CLAIM_TOKEN);
    await auth.registration.rateLimitStatus('dev@acme.ai');
    await auth.admin.registrations.list({ status: 'pending_approval', limit: 5 }).toArray();
    await auth.admin.registrations.get(ID);
    await auth.admin.registrations.approve(ID);
    await auth.admin.registrations.reject(ID, 'Not verifiable');
    await auth.admin.whitelist.list().toArray();
    await auth.admin.whitelist.add({ type: 'domain', value: 'acme.ai' });
    await auth.admin.whitelist.disable(ID);
    await auth.admin.whitelist.enable(ID);
    await auth.admin.whitelist.remove(ID);
    await auth.admin.bans.get('203.0.113.7');
    await auth.admin.bans.lift('2001:db8::1');
    await auth.metrics();
    const seen = requests.map((r) => [r.method, `${r.url.pathname}${r.url.search}`, r.body, r.headers.get('authorization') !== null]);
    expect(seen).toEqual([
      ['POST', '/register', JSON.stringify({ organization_name: 'Acme AI Labs', contact_email: 'dev@acme.ai', contact_name: 'Jane Smith', use_case: 'Analytics' }), false],
      ['POST', '/registration/status', '{"email":"dev@acme.ai"}', false],
      ['POST', '/registration/verify-email', '{"token":"verify-token"}', false],
      ['POST', '/registration/claim', JSON.stringify({ token: CLAIM_TOKEN }), false],
      ['GET', '/register/rate-limit-status?email=dev%40acme.ai', '', false],
      ['GET', '/api/v1/admin/registrations?status=pending_approval&limit=5', '', true],
      ['GET', `/api/v1/admin/registrations/${ID}`, '', true],
      ['PATCH', `/api/v1/admin/registrations/${ID}`, '{"action":"approve"}', true],
      ['PATCH', `/api/v1/admin/registrations/${ID}`, '{"action":"reject","reason":"Not verifiable"}', true],
      ['GET', '/api/v1/admin/registration/whitelist', '', true],
      ['POST', '/api/v1/admin/registration/whitelist', '{"type":"domain","value":"acme.ai"}', true],
      ['PATCH', `/api/v1/admin/registration/whitelist/${ID}`, '{"enabled":false}', true],
      ['PATCH', `/api/v1/admin/registration/whitelist/${ID}`, '{"enabled":true}', true],
      ['DELETE', `/api/v1/admin/registration/whitelist/${ID}`, '', true],
      ['GET', '/api/v1/admin/registration/bans/203.0.113.7', '', true],
      ['DELETE', '/api/v1/admin/registration/bans/2001%3Adb8%3A%3A1', '', true],
      ['GET', '/metrics', '', false],
    ]);
  });

  it('follows next_cursor across pages of the admin lists', async () => {
    const { auth, requests } = fakePlatform([
      (request) => {
        const cursor = request.url.searchParams.get('cursor');
        return json(cursor ? { items: [{ id: 'b' }], next_cursor: null } : { items: [{ id: 'a' }], next_cursor: 'c1' });
      },
    ]);
    const ids: string[] = [];
    for await (const registration of auth.admin.registrations.list({ status: 'approved' })) ids.push(registration.id);
    expect(ids).toEqual(['a', 'b']);
    expect(requests.map((r) => r.url.search)).toEqual(['?status=approved', '?status=approved&cursor=c1']);
  });

  it('asks for the Prometheus text with Accept: text/plain and returns it as a string', async () => {
    const exposition = '# HELP hokusai_auth_uptime_seconds Seconds since the server started.\nhokusai_auth_uptime_seconds 3\n';
    const { auth, requests } = fakePlatform([new Response(exposition, { headers: { 'content-type': 'text/plain; version=0.0.4' } })]);
    expect(await auth.metrics.text()).toBe(exposition);
    expect(requests[0]!.headers.get('accept')).toBe('text/plain');
  });

  it('retries the read-only status lookup, but never a submit, a review, a verification or a claim', async () => {
    const unavailable = json({ detail: 'The data store is busy; retry shortly' }, 503, { 'Retry-After': '1' });
    const lookup = fakePlatform([unavailable, json({ contact_email: 'dev@acme.ai', status: 'pending_approval' })]);
    expect((await lookup.auth.registration.status('dev@acme.ai')).status).toBe('pending_approval');
    expect(lookup.requests).toHaveLength(2);
    expect(lookup.sleeps).toEqual([1000]);

    for (const call of [
      (auth: HokusaiAuth) => auth.registration.submit({ organization_name: 'A', contact_email: 'a@b.co', contact_name: 'A', use_case: 'x' }),
      (auth: HokusaiAuth) => auth.registration.verifyEmail('token'),
      (auth: HokusaiAuth) => auth.registration.claim(CLAIM_TOKEN),
      (auth: HokusaiAuth) => auth.admin.registrations.approve(ID),
      (auth: HokusaiAuth) => auth.admin.whitelist.disable(ID),
    ]) {
      const once = fakePlatform([unavailable]);
      await expect(call(once.auth)).rejects.toBeInstanceOf(HokusaiAuthError);
      expect(once.requests).toHaveLength(1);
    }
  });

  it('fails with the typed errors of the main entry', async () => {
    const cases: [Response, unknown][] = [
      [json({ detail: 'Registration not found' }, 404), NotFoundError],
      [json({ detail: 'A registration for this email is already in progress' }, 409), ConflictError],
      [json({ detail: 'Invalid request body', errors: [{ field: 'contact_email', message: 'Must be an email address' }] }, 400), BadRequestError],
      [json({ detail: 'Too many registrations from this IP address; retry later' }, 429, { 'Retry-After': '120' }), RateLimitError],
    ];
    for (const [reply, type] of cases) {
      const { auth } = fakePlatform([reply]);
      const error = await auth.registration.submit({ organization_name: 'A', contact_email: 'a@b.co', contact_name: 'A', use_case: 'x' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(type as typeof HokusaiAuthError);
    }
    const { auth } = fakePlatform([json({ detail: 'Invalid request body', errors: [{ field: 'contact_email', message: 'Must be an email address' }] }, 400)]);
    const error = (await auth.registration.submit({ organization_name: 'A', contact_email: 'nope', contact_name: 'A', use_case: 'x' }).catch((e: unknown) => e)) as BadRequestError;
    expect(error.errors).toEqual([{ field: 'contact_email', message: 'Must be an email address' }]);
    const limited = fakePlatform([json({ detail: 'Too many' }, 429, { 'Retry-After': '120' })]);
    const rate = (await limited.auth.registration.submit({ organization_name: 'A', contact_email: 'a@b.co', contact_name: 'A', use_case: 'x' }).catch((e: unknown) => e)) as RateLimitError;
    expect(rate.retryAfterMs).toBe(120_000);
  });

  it('refuses an admin call without a token before sending, and an empty id or token', async () => {
    const { requests } = fakePlatform([json({})]);
    const bare = new HokusaiAuth({ baseUrl: BASE_URL, adminToken: '', fetch: async () => json({}) });
    await expect(bare.admin.registrations.get(ID)).rejects.toBeInstanceOf(MissingAdminTokenError);
    await expect(bare.admin.registrations.list().firstPage()).rejects.toBeInstanceOf(MissingAdminTokenError);
    await expect(bare.registration.claim('')).rejects.toThrow('token must be a non-empty string');
    await expect(bare.admin.bans.get(' ')).rejects.toThrow('ip must be a non-empty string');
    expect(requests).toHaveLength(0);
  });

  it('never shows the admin token, a claim token or a claimed key in an error, even when the server echoes them', async () => {
    const echo = (request: { headers: Headers; body: string }) =>
      json(
        { detail: `refused ${request.headers.get('authorization')} ${request.body} ${FULL_KEY}`, errors: [{ field: 'token', message: `bad ${request.body}` }] },
        410,
        { 'x-debug': `${request.headers.get('authorization')} ${request.body}` },
      );
    const { auth } = fakePlatform([echo]);
    const errors = [
      await auth.registration.claim(CLAIM_TOKEN).catch((e: unknown) => e),
      await auth.registration.verifyEmail(CLAIM_TOKEN).catch((e: unknown) => e),
      await auth.admin.registrations.approve(ID).catch((e: unknown) => e),
      await auth.admin.whitelist.list().toArray().catch((e: unknown) => e),
    ];
    for (const error of errors) {
      expect(error).toBeInstanceOf(HokusaiAuthError);
      expect((error as HokusaiAuthError).status).toBe(410);
      const text = renderings(error);
      for (const secret of [ADMIN_TOKEN, CLAIM_TOKEN, FULL_KEY]) expect(text.includes(secret), `${secret} in\n${text}`).toBe(false);
    }
  });
});
