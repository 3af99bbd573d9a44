// The registration page: server-rendered, accessible (labels, errors beside their fields),
// nothing loaded from elsewhere, its own narrow content policy; without JavaScript the form
// post answers with a page; everything a user sent is escaped.
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../src/server/registration/page/escape';
import { makeTestApp } from '../support';
import { ACME, linkToken } from './helpers';

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const encode = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const SCRIPT = '<script>alert("x")</script>';

describe('registration page', () => {
  it('is an accessible HTML form that loads nothing from elsewhere', async () => {
    const t = makeTestApp();
    const res = await t.request('/register');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<form id="register-form" method="post" action="/register" novalidate>');
    for (const name of ['organization_name', 'contact_name', 'contact_email', 'website_url', 'use_case']) {
      expect(html).toContain(`<label for="${name}">`);
      expect(html).toMatch(new RegExp(`id="${name}" name="${name}"[^>]*aria-describedby="${name}-error"`));
      expect(html).toContain(`<p id="${name}-error" class="error">`);
    }
    expect(html).toContain('<button type="submit">');
    // No external script, style, image or font: no src= or href= to anything but this server.
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
    // Its own policy: the inline style and script by hash, forms and fetch to this origin only.
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; script-src 'sha256-[A-Za-z0-9+/=]+'; connect-src 'self'; form-action 'self'/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('without JavaScript: a form post answers with a result page and the next step', async () => {
    const t = makeTestApp();
    const res = await t.request('/register', { method: 'POST', headers: FORM, body: encode({ ...ACME, website_url: '' }) });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toContain('<h1>Registration received</h1>');
    expect(html).toContain('Check dev@acme.ai for a verification link.');
  });

  it('without JavaScript: errors are shown beside their fields and the values kept, escaped', async () => {
    const t = makeTestApp();
    const res = await t.request('/register', {
      method: 'POST',
      headers: FORM,
      body: encode({ organization_name: SCRIPT, contact_email: 'not-an-email', contact_name: '', use_case: 'x', website_url: 'javascript:alert(1)' }),
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).not.toContain(SCRIPT);
    expect(html).toContain(`value="${escapeHtml(SCRIPT)}"`);
    expect(html).toMatch(/id="contact_email"[^>]*aria-invalid="true" value="not-an-email">\n<p id="contact_email-error" class="error">Must be an email address<\/p>/);
    expect(html).toMatch(/id="contact_name"[^>]*aria-invalid="true"[^>]*>\n<p id="contact_name-error" class="error">Field required<\/p>/);
    expect(html).toContain('<p id="website_url-error" class="error">Must be an http(s) URL such as https://acme.ai</p>');
    expect(html).toContain('<p id="organization_name-error" class="error"></p>');
  });

  it('without JavaScript: a refusal that is not about a field shows in the notice', async () => {
    const t = makeTestApp();
    await t.request('/register', { method: 'POST', headers: FORM, body: encode(ACME) });
    const res = await t.request('/register', { method: 'POST', headers: FORM, body: encode(ACME) });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('role="alert" tabindex="-1">A registration for this email is already in progress</div>');
  });

  it('follows the mail links without JavaScript: verify, then claim the key once', async () => {
    const t = makeTestApp();
    await t.request('/register', { method: 'POST', headers: FORM, body: encode(ACME) });
    const verifyToken = linkToken(t, 'dev@acme.ai', 'verify_token');
    const page = await (await t.request(`/register?verify_token=${verifyToken}`)).text();
    expect(page).toContain(`<input type="hidden" name="token" value="${verifyToken}">`);
    const verified = await t.request('/registration/verify-email', { method: 'POST', headers: FORM, body: encode({ token: verifyToken }) });
    expect(verified.status).toBe(200);
    expect(await verified.text()).toContain('<h1>Email verified</h1>');
    const again = await t.request('/registration/verify-email', { method: 'POST', headers: FORM, body: encode({ token: verifyToken }) });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('This link has already been used');

    const [registration] = (await (await t.admin('/api/v1/admin/registrations')).json()).items;
    await t.admin(`/api/v1/admin/registrations/${registration.id}`, { method: 'PATCH', json: { action: 'approve' } });
    const claimToken = linkToken(t, 'dev@acme.ai', 'claim_token');
    const claimed = await t.request('/registration/claim', { method: 'POST', headers: FORM, body: encode({ token: claimToken }) });
    expect(claimed.status).toBe(200);
    expect(await claimed.text()).toMatch(/<code id="api-key" class="key" aria-labelledby="api-key-label">hk_live_[A-Za-z0-9]{32}<\/code>/);
    expect((await t.request('/registration/claim', { method: 'POST', headers: FORM, body: encode({ token: claimToken }) })).status).toBe(410);
  });

  it('escapes a token that is not one in the link page', async () => {
    const t = makeTestApp();
    const html = await (await t.request(`/register?verify_token=${encodeURIComponent('"><script>x</script>')}`)).text();
    expect(html).not.toContain('<script>x</script>');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
  });

  it('keeps HTML in mails as plain text on one line', async () => {
    const t = makeTestApp();
    await t.request('/register', { method: 'POST', json: { ...ACME, contact_name: `Eve\n\nhttp://evil.example ${SCRIPT}` } });
    const mail = t.app.controls.outbox().at(-1)!;
    expect(mail.text.split('\n')[0]).toBe(`Hello Eve http://evil.example ${SCRIPT},`);
    expect(mail.links).toHaveLength(1);
    expect(mail.links[0]).toMatch(/^http:\/\/localhost\/register\?verify_token=/);
  });
});

describe('form posts and JSON under the form type', () => {
  it('treats curl -d JSON (form content type) as JSON', async () => {
    const t = makeTestApp();
    const res = await t.request('/register', { method: 'POST', headers: FORM, body: JSON.stringify(ACME) });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/json');
  });
});
