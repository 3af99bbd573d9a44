// Bad input to the registration routes: each a clear 4xx naming the field, never a 500
// (the test app's logger fails the test on any unexpected server error).
import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../support';
import { ACME, submitAndVerify } from './helpers';

async function errorsOf(res: Response) {
  return { status: res.status, errors: ((await res.json()) as { errors?: { field: string }[] }).errors?.map((e) => e.field) ?? [] };
}

describe('registration bad input', () => {
  it('names malformed emails and URLs, missing, blank, unknown and oversized fields', async () => {
    const t = makeTestApp();
    const cases: [Record<string, unknown>, string[]][] = [
      [{ ...ACME, contact_email: 'not-an-email' }, ['contact_email']],
      [{ ...ACME, contact_email: 'a@b' }, ['contact_email']],
      [{ ...ACME, contact_email: `${'a'.repeat(250)}@acme.ai` }, ['contact_email']],
      [{ ...ACME, website_url: 'javascript:alert(1)' }, ['website_url']],
      [{ ...ACME, website_url: 'ftp://acme.ai' }, ['website_url']],
      [{ ...ACME, website_url: 'not a url' }, ['website_url']],
      [{ ...ACME, organization_name: '   ' }, ['organization_name']],
      [{ ...ACME, organization_name: 'x'.repeat(201) }, ['organization_name']],
      [{ ...ACME, use_case: 'x'.repeat(2001) }, ['use_case']],
      [{ ...ACME, contact_name: 42 }, ['contact_name']],
      [{ ...ACME, is_admin: true }, ['is_admin']],
      [{ organization_name: 'Acme' }, ['contact_email', 'contact_name', 'use_case']],
    ];
    for (const [body, fields] of cases) {
      expect(await errorsOf(await t.request('/register', { method: 'POST', json: body })), JSON.stringify(body).slice(0, 80)).toEqual({ status: 400, errors: fields });
    }
    expect((await t.request('/register', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"organization_name":' })).status).toBe(400);
    expect((await t.request('/register', { method: 'POST', json: [ACME] })).status).toBe(400);
    expect((await t.request('/register', { method: 'POST', json: { ...ACME, use_case: 'x'.repeat(70_000) } })).status).toBe(413);
  });

  it('accepts HTML in text fields as text and returns it unchanged in JSON', async () => {
    const t = makeTestApp();
    const res = await t.request('/register', { method: 'POST', json: { ...ACME, organization_name: '<img src=x onerror=alert(1)>' } });
    expect(res.status).toBe(201);
    expect((await res.json()).organization_name).toBe('<img src=x onerror=alert(1)>');
  });

  it('refuses forged, malformed and replayed tokens with 400 or 410 naming the token', async () => {
    const t = makeTestApp();
    await submitAndVerify(t);
    for (const path of ['/registration/verify-email', '/registration/claim']) {
      for (const token of ['forged', 'A'.repeat(43), '../../etc/passwd', '']) {
        const res = await t.request(path, { method: 'POST', json: { token } });
        expect(res.status, `${path} ${token}`).toBe(400);
        expect((await res.json()).errors[0].field).toBe('token');
      }
      expect((await errorsOf(await t.request(path, { method: 'POST', json: {} })))).toEqual({ status: 400, errors: ['token'] });
      expect((await t.request(path, { method: 'POST', json: { token: 12 } })).status).toBe(400);
    }
  });

  it('a claim token is not a verification token and the other way round', async () => {
    const t = makeTestApp();
    const created = await submitAndVerify(t);
    const verifyToken = new URL(t.app.controls.outbox()[0]!.links[0]!).searchParams.get('verify_token');
    expect((await t.request('/registration/claim', { method: 'POST', json: { token: verifyToken } })).status).toBe(400);
    await t.admin(`/api/v1/admin/registrations/${created.id}`, { method: 'PATCH', json: { action: 'approve' } });
    const claimToken = new URL(t.app.controls.outbox().at(-1)!.links[0]!).searchParams.get('claim_token');
    expect((await t.request('/registration/verify-email', { method: 'POST', json: { token: claimToken } })).status).toBe(400);
  });

  it('gives two racing claims one key and one 410', async () => {
    const t = makeTestApp();
    const created = await submitAndVerify(t);
    await t.admin(`/api/v1/admin/registrations/${created.id}`, { method: 'PATCH', json: { action: 'approve' } });
    const token = new URL(t.app.controls.outbox().at(-1)!.links[0]!).searchParams.get('claim_token');
    const answers = await Promise.all([1, 2, 3].map(() => t.request('/registration/claim', { method: 'POST', json: { token } })));
    expect(answers.map((res) => res.status).sort()).toEqual([200, 410, 410]);
  });

  it('gives two racing approvals one approval and one 409', async () => {
    const t = makeTestApp();
    const created = await submitAndVerify(t);
    const answers = await Promise.all([1, 2].map(() => t.admin(`/api/v1/admin/registrations/${created.id}`, { method: 'PATCH', json: { action: 'approve' } })));
    expect(answers.map((res) => res.status).sort()).toEqual([200, 409]);
    expect(t.app.controls.outbox().filter((mail) => mail.subject.startsWith('Welcome'))).toHaveLength(1);
  });

  it('names bad admin input: ids, actions, reasons, whitelist entries', async () => {
    const t = makeTestApp();
    const created = await submitAndVerify(t);
    expect(await errorsOf(await t.admin('/api/v1/admin/registrations/not-a-uuid'))).toEqual({ status: 400, errors: ['registration_id'] });
    expect((await t.admin('/api/v1/admin/registrations/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect(await errorsOf(await t.admin(`/api/v1/admin/registrations/${created.id}`, { method: 'PATCH', json: { action: 'maybe' } }))).toEqual({ status: 400, errors: ['action'] });
    expect(await errorsOf(await t.admin(`/api/v1/admin/registrations/${created.id}`, { method: 'PATCH', json: { action: 'reject', reason: 'x'.repeat(1001) } }))).toEqual({
      status: 400,
      errors: ['reason'],
    });
    expect(await errorsOf(await t.admin('/api/v1/admin/registration/whitelist', { method: 'POST', json: { type: 'domain', value: 'not a domain' } }))).toEqual({ status: 400, errors: ['value'] });
    expect(await errorsOf(await t.admin('/api/v1/admin/registration/whitelist', { method: 'POST', json: { type: 'email', value: 'x' } }))).toEqual({ status: 400, errors: ['type'] });
    expect((await t.admin('/api/v1/admin/registration/whitelist/00000000-0000-4000-8000-000000000000', { method: 'PATCH', json: { enabled: true } })).status).toBe(404);
    expect(await errorsOf(await t.admin('/api/v1/admin/registration/bans/300.1.1.1'))).toEqual({ status: 400, errors: ['ip'] });
    expect((await t.admin('/api/v1/admin/registration/bans/2001:db8::1')).status).toBe(200);
  });
});
