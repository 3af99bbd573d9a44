// The registration lifecycle through the SDK, written once and run against a real server over
// HTTP and against the msw handlers: submit, follow the verification link from the outbox,
// review, claim the key from the welcome mail, use it; reject and apply again.
import { expect, it } from 'vitest';
import { BadRequestError, ConflictError, HokusaiAuthError, NotFoundError } from '../../src/client';
import type { HokusaiAuth, RegistrationRequest } from '../../src/platform';

/** A mail of the outbox, as the test controls show it. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  links: string[];
}

/** What the scenarios need from the environment they run in. */
export interface LifecycleStub {
  auth: HokusaiAuth;
  outbox(): Promise<Mail[]>;
  reset(): Promise<void>;
}

const application = (email: string): RegistrationRequest => ({
  organization_name: 'Acme AI Labs',
  contact_email: email,
  contact_name: 'Jane Smith',
  website_url: 'https://acme.ai',
  use_case: 'Integrating Hokusai predictions into our analytics platform',
});

/** The token in the newest mail to `to` whose link carries `param`. */
export async function tokenFromMail(stub: LifecycleStub, to: string, param: 'verify_token' | 'claim_token'): Promise<string> {
  const mails = (await stub.outbox()).filter((mail) => mail.to === to);
  const link = mails.flatMap((mail) => mail.links).findLast((url) => new URL(url).searchParams.has(param));
  expect(link, `a mail to ${to} with a ${param} link`).toBeDefined();
  return new URL(link!).searchParams.get(param)!;
}

/** Submits and verifies an application; returns its id, now pending approval. */
async function appliedAndVerified(stub: LifecycleStub, email: string): Promise<string> {
  const created = await stub.auth.registration.submit(application(email));
  await stub.auth.registration.verifyEmail(await tokenFromMail(stub, email, 'verify_token'));
  return created.id;
}

/** Registers the lifecycle tests; `stub()` is called inside each test. */
export function lifecycleScenarios(stub: () => LifecycleStub): void {
  it('submit → verify by the mailed link → approve → claim the mailed key once → the key works', async () => {
    const { auth } = stub();
    await stub().reset();
    const email = 'dev@acme.ai';
    const created = await auth.registration.submit(application(email));
    expect(created).toMatchObject({ contact_email: email, status: 'pending_email_verification' });
    expect(created.next_step).toContain(email);
    expect((await auth.registration.status(email)).status).toBe('pending_email_verification');

    const verified = await auth.registration.verifyEmail(await tokenFromMail(stub(), email, 'verify_token'));
    expect(verified).toMatchObject({ contact_email: email, status: 'pending_approval' });
    expect((await auth.registration.status(email)).status).toBe('pending_approval');

    const waiting = await auth.admin.registrations.list({ status: 'pending_approval' }).toArray();
    expect(waiting.map((r) => r.id)).toEqual([created.id]);
    expect(waiting[0]!.flags).toEqual([]);

    const approved = await auth.admin.registrations.approve(created.id);
    expect(approved).toMatchObject({ status: 'approved', key_claimed: false });
    expect(approved.key_id).toBeTruthy();
    expect(approved.organization_id).toBeTruthy();
    expect((await auth.registration.status(email)).status).toBe('approved');

    // The welcome mail carries a claim link, never the key itself.
    const mails = await stub().outbox();
    for (const mail of mails) expect(mail.text).not.toMatch(/hk_(live|test|dev)_[A-Za-z0-9]{32}/);
    const claimToken = await tokenFromMail(stub(), email, 'claim_token');
    const claimed = await auth.registration.claim(claimToken);
    expect(claimed.api_key).toMatch(/^hk_live_[A-Za-z0-9]{32}$/);
    expect(claimed).toMatchObject({ organization_id: approved.organization_id, key_info: { key_id: approved.key_id, environment: 'production', service_id: 'prediction' } });
    const result = await auth.validate(claimed.api_key, { service_id: 'prediction' });
    expect(result.is_valid).toBe(true);

    const again = await auth.registration.claim(claimToken).catch((error: unknown) => error);
    expect(again).toBeInstanceOf(HokusaiAuthError);
    expect((again as HokusaiAuthError).status).toBe(410);
    expect(JSON.stringify(again)).not.toContain(claimToken);
    expect((await auth.admin.registrations.get(created.id)).key_claimed).toBe(true);
  });

  it('a verification link works once; a forged token is a 400; an unknown email a 404 like a malformed one', async () => {
    const { auth } = stub();
    await stub().reset();
    const email = 'once@acme.ai';
    await auth.registration.submit(application(email));
    const token = await tokenFromMail(stub(), email, 'verify_token');
    await auth.registration.verifyEmail(token);
    await expect(auth.registration.verifyEmail(token)).rejects.toMatchObject({ status: 410 });
    await expect(auth.registration.verifyEmail('forged-token-0000')).rejects.toBeInstanceOf(BadRequestError);
    const unknown = (await auth.registration.status('nobody@acme.ai').catch((e: unknown) => e)) as NotFoundError;
    const malformed = (await auth.registration.status('not an email').catch((e: unknown) => e)) as NotFoundError;
    expect(unknown).toBeInstanceOf(NotFoundError);
    expect(malformed).toBeInstanceOf(NotFoundError);
    expect(malformed.detail).toBe(unknown.detail);
  });

  it('reject with a reason mails it; the applicant may apply again; a second application in progress is a 409', async () => {
    const { auth } = stub();
    await stub().reset();
    const email = 'again@acme.ai';
    const id = await appliedAndVerified(stub(), email);
    await expect(auth.registration.submit(application(email))).rejects.toBeInstanceOf(ConflictError);
    const rejected = await auth.admin.registrations.reject(id, 'We could not verify the organization.');
    expect(rejected).toMatchObject({ status: 'rejected', review_reason: 'We could not verify the organization.' });
    const mail = (await stub().outbox()).findLast((m) => m.to === email)!;
    expect(mail.text).toContain('We could not verify the organization.');
    await expect(auth.admin.registrations.approve(id)).rejects.toBeInstanceOf(ConflictError);

    const second = await auth.registration.submit(application(email));
    expect(second.id).not.toBe(id);
    expect((await auth.registration.status(email)).status).toBe('pending_email_verification');
  });

  it('lists every application across pages, newest first, and filters by status', async () => {
    const { auth } = stub();
    await stub().reset();
    const emails = ['a@acme.ai', 'b@acme.ai', 'c@acme.ai', 'd@acme.ai', 'e@acme.ai'];
    for (const email of emails) await auth.registration.submit(application(email));
    await auth.registration.verifyEmail(await tokenFromMail(stub(), 'c@acme.ai', 'verify_token'));
    const pages = [];
    for await (const page of auth.admin.registrations.list({ limit: 2 }).pages()) pages.push(page.items.length);
    expect(pages).toEqual([2, 2, 1]);
    const all = await auth.admin.registrations.list({ limit: 2 }).toArray();
    expect(new Set(all.map((r) => r.contact_email))).toEqual(new Set(emails));
    const pending = await auth.admin.registrations.list({ status: 'pending_approval' }).toArray();
    expect(pending.map((r) => r.contact_email)).toEqual(['c@acme.ai']);
  });

  it('whitelist entries: add, disable, list, remove; bans: a clean IP is not banned and has nothing to lift', async () => {
    const { auth } = stub();
    await stub().reset();
    const entry = await auth.admin.whitelist.add({ type: 'domain', value: 'acme.ai', note: 'Partner' });
    expect(entry).toMatchObject({ type: 'domain', value: 'acme.ai', enabled: true, note: 'Partner' });
    await expect(auth.admin.whitelist.add({ type: 'domain', value: 'acme.ai' })).rejects.toBeInstanceOf(ConflictError);
    expect((await auth.admin.whitelist.disable(entry.id)).enabled).toBe(false);
    expect((await auth.admin.whitelist.enable(entry.id)).enabled).toBe(true);
    expect((await auth.admin.whitelist.list().toArray()).map((e) => e.value)).toEqual(['acme.ai']);
    await auth.admin.whitelist.remove(entry.id);
    await expect(auth.admin.whitelist.remove(entry.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await auth.admin.whitelist.list().toArray()).toEqual([]);

    expect(await auth.admin.bans.get('203.0.113.7')).toMatchObject({ ip: '203.0.113.7', banned: false });
    await expect(auth.admin.bans.lift('203.0.113.7')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('the rate-limit status and the metrics count what happened', async () => {
    const { auth } = stub();
    await stub().reset();
    const before = await auth.registration.rateLimitStatus('dev@acme.ai');
    expect(before).toMatchObject({ allowed: true, banned: false });
    expect(before.domain).not.toBeNull();
    await auth.registration.submit(application('dev@acme.ai'));
    const after = await auth.registration.rateLimitStatus('dev@acme.ai');
    expect(after.ip.remaining).toBe(before.ip.remaining - 1);
    expect(after.domain!.remaining).toBe(before.domain!.remaining - 1);
    expect((await auth.registration.rateLimitStatus()).domain).toBeNull();

    const metrics = await auth.metrics();
    expect(metrics.registrations.pending_email_verification).toBe(1);
    const text = await auth.metrics.text();
    expect(text).toMatch(/^# (HELP|TYPE) /m);
  });
}
