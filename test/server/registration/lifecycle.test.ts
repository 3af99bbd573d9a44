// The registration lifecycle over HTTP (in process, every answer contract-checked): submit →
// verify by the mailed link → fraud screening → admin approval (key, organization, welcome
// mail, single-use claim) or rejection (mail, re-apply).
import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../support';
import { ACME, linkToken, review, submit, submitAndVerify } from './helpers';

describe('registration lifecycle', () => {
  it('goes pending_email_verification → email_verified → pending_approval → approved, and the key is claimed once', async () => {
    const t = makeTestApp();
    const created = await submit(t);
    expect(created).toMatchObject({ organization_name: 'Acme AI Labs', contact_email: 'dev@acme.ai', status: 'pending_email_verification' });

    // The verification mail's link opens the page with a one-button form; opening it changes nothing.
    const mail = t.app.controls.outbox().at(-1)!;
    expect(mail).toMatchObject({ to: 'dev@acme.ai', subject: 'Verify your email for Hokusai' });
    const page = await t.request(new URL(mail.links[0]!).pathname + new URL(mail.links[0]!).search);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('action="/registration/verify-email"');
    expect((await (await t.request('/registration/status', { method: 'POST', json: { email: 'dev@acme.ai' } })).json()).status).toBe('pending_email_verification');

    const verified = await t.request('/registration/verify-email', { method: 'POST', json: { token: linkToken(t, 'dev@acme.ai', 'verify_token') } });
    expect(verified.status).toBe(200);
    expect(await verified.json()).toMatchObject({ contact_email: 'dev@acme.ai', status: 'pending_approval' });

    const detail = await (await t.admin(`/api/v1/admin/registrations/${created.id}`)).json();
    expect(detail.flags).toEqual([]);
    expect(detail.status_history.map((entry: { status: string }) => entry.status)).toEqual(['pending_email_verification', 'email_verified', 'pending_approval']);

    const approved = await review(t, created.id, { action: 'approve' });
    expect(approved.status).toBe(200);
    const after = await approved.json();
    expect(after).toMatchObject({ status: 'approved', key_claimed: false, organization_name_created: 'Acme AI Labs' });
    expect(after.organization_id).toMatch(/^[0-9a-f-]{36}$/);
    // The organization is a real one of the store, created by the registration.
    expect(t.app.engine.store.platform.findOrganization(after.organization_id)).toMatchObject({ name: 'Acme AI Labs', created_by: `registration:${created.id}` });

    const welcome = t.app.controls.outbox().at(-1)!;
    expect(welcome.subject).toBe('Welcome to Hokusai: your API key is ready');
    expect(welcome.text).not.toMatch(/hk_live_/);
    const claimToken = linkToken(t, 'dev@acme.ai', 'claim_token');
    const claimed = await t.request('/registration/claim', { method: 'POST', json: { token: claimToken } });
    expect(claimed.status).toBe(200);
    const { api_key, key_info, organization_id } = await claimed.json();
    expect(key_info).toMatchObject({ key_id: after.key_id, service_id: 'prediction', environment: 'production', user_id: organization_id });
    expect(api_key).toMatch(/^hk_live_[A-Za-z0-9]{32}$/);
    // The claimed key works for predictions.
    expect((await t.validate(api_key, { service_id: 'prediction' })).status).toBe(200);

    const again = await t.request('/registration/claim', { method: 'POST', json: { token: claimToken } });
    expect(again.status).toBe(410);
    expect(await again.json()).toEqual({ detail: 'This link has already been used' });
    expect((await (await t.admin(`/api/v1/admin/registrations/${created.id}`)).json()).key_claimed).toBe(true);
    // No mail ever carries the full key or the admin token.
    expect(JSON.stringify(t.app.controls.outbox())).not.toContain(api_key);
    expect((await (await t.request('/registration/status', { method: 'POST', json: { email: 'dev@acme.ai' } })).json()).status).toBe('approved');
  });

  it('rejects with a reason by mail, and the applicant may apply again', async () => {
    const t = makeTestApp();
    const first = await submitAndVerify(t);
    const missingReason = await review(t, first.id, { action: 'reject' });
    expect(missingReason.status).toBe(400);
    expect((await missingReason.json()).errors).toEqual([{ field: 'reason', message: 'Required to reject' }]);

    const rejected = await review(t, first.id, { action: 'reject', reason: 'We could not verify the organization.' });
    expect(rejected.status).toBe(200);
    expect(await rejected.json()).toMatchObject({ status: 'rejected', review_reason: 'We could not verify the organization.', key_id: null });
    const mail = t.app.controls.outbox().at(-1)!;
    expect(mail.subject).toBe('Your Hokusai registration');
    expect(mail.text).toContain('Reason: We could not verify the organization.');

    // A second review of the same registration is a conflict.
    expect((await review(t, first.id, { action: 'approve' })).status).toBe(409);
    const second = await submit(t);
    expect(second.id).not.toBe(first.id);
    expect((await (await t.request('/registration/status', { method: 'POST', json: { email: 'dev@acme.ai' } })).json()).status).toBe('pending_email_verification');
  });

  it('refuses a second registration while one is in progress (409), and review before verification (409)', async () => {
    const t = makeTestApp();
    const created = await submit(t);
    const duplicate = await t.request('/register', { method: 'POST', json: { ...ACME, contact_email: 'DEV@acme.ai' } });
    expect(duplicate.status).toBe(409);
    expect((await review(t, created.id, { action: 'approve' })).status).toBe(409);
  });

  it('gives the identical 404 for an unknown and a malformed email', async () => {
    const t = makeTestApp();
    await submit(t);
    const answers = [];
    for (const email of ['nobody@acme.ai', 'not-an-email', '', '<script>@x', 12345]) {
      const res = await t.request('/registration/status', { method: 'POST', json: { email } });
      answers.push({ status: res.status, body: await res.text(), type: res.headers.get('content-type') });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toEqual({ status: 404, body: '{"detail":"Registration not found"}', type: 'application/json' });
  });

  it('lists registrations newest first, filtered by status, page by page', async () => {
    const t = makeTestApp();
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await submit(t, { contact_email: `person${'abcde'[i]}@example${i}.org` }, `198.51.100.${10 + i}`)).id);
    await t.request('/registration/verify-email', { method: 'POST', json: { token: linkToken(t, 'personc@example2.org', 'verify_token') } });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.admin(`/api/v1/admin/registrations?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      const page = await res.json();
      seen.push(...page.items.map((item: { id: string }) => item.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());

    const pending = await (await t.admin('/api/v1/admin/registrations?status=pending_approval')).json();
    expect(pending.items.map((item: { id: string }) => item.id)).toEqual([ids[2]]);
    expect((await t.admin('/api/v1/admin/registrations?status=nonsense')).status).toBe(400);
    expect((await t.admin('/api/v1/admin/registrations?limit=0')).status).toBe(400);
    expect((await t.admin('/api/v1/admin/registrations?cursor=abc')).status).toBe(400);
    expect((await t.request('/api/v1/admin/registrations')).status).toBe(401);
  });

  it('flags suspicious registrations at verification and still sends them to review', async () => {
    const t = makeTestApp({ registration: { ipVelocityPerDay: 1 } });
    await submitAndVerify(t, { contact_email: 'someone@example.org' }, '203.0.113.9');
    const flagged = await submitAndVerify(
      t,
      { organization_name: 'FREE MONEY giveaway', contact_email: 'xk7qz9vbw2mt4p@mailinator.com' },
      '203.0.113.9',
    );
    const detail = await (await t.admin(`/api/v1/admin/registrations/${flagged.id}`)).json();
    expect(detail.status).toBe('pending_approval');
    expect(detail.flags.map((flag: { rule: string }) => flag.rule).sort()).toEqual(['disposable_email', 'generated_email', 'ip_velocity', 'suspicious_name']);
  });

  it('keeps verification links for 24 hours', async () => {
    const t = makeTestApp();
    await submit(t);
    t.clock.advance(24 * 3_600_000);
    const res = await t.request('/registration/verify-email', { method: 'POST', json: { token: linkToken(t, 'dev@acme.ai', 'verify_token') } });
    expect(res.status).toBe(410);
    expect(await res.json()).toEqual({ detail: 'This link has expired' });
  });

  it('reset empties registrations, whitelist, limits and the outbox', async () => {
    const t = makeTestApp();
    await submit(t);
    await t.admin('/api/v1/admin/registration/whitelist', { method: 'POST', json: { type: 'domain', value: 'acme.ai' } });
    t.app.controls.reset();
    expect((await (await t.admin('/api/v1/admin/registrations')).json()).items).toEqual([]);
    expect((await (await t.admin('/api/v1/admin/registration/whitelist')).json()).items).toEqual([]);
    expect(t.app.controls.outbox()).toEqual([]);
    expect((await (await t.request('/register/rate-limit-status', { ip: '198.51.100.1' })).json()).ip.remaining).toBe(5);
  });
});
