// Shared steps of the registration tests: submit, follow the mail links, review. Every request
// goes through the contract-checked test app of ../support.ts.
import { expect } from 'vitest';
import type { TestApp } from '../support';

export const ACME = {
  organization_name: 'Acme AI Labs',
  contact_email: 'dev@acme.ai',
  contact_name: 'Jane Smith',
  website_url: 'https://acme.ai',
  use_case: 'Integrating Hokusai predictions into our analytics platform',
};

/** The token of the newest mail's link (`verify_token` or `claim_token`), for `to`. */
export function linkToken(t: TestApp, to: string, name: 'verify_token' | 'claim_token'): string {
  const mail = t.app.controls.outbox().filter((m) => m.to === to).at(-1);
  expect(mail, `a mail to ${to}`).toBeDefined();
  const token = new URL(mail!.links[0]!).searchParams.get(name);
  expect(token, `${name} in the link`).toBeTruthy();
  return token!;
}

/** Submits (201 expected) and returns the body. */
export async function submit(t: TestApp, fields: Record<string, unknown> = {}, ip = '198.51.100.1') {
  const res = await t.request('/register', { method: 'POST', json: { ...ACME, ...fields }, ip });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: string; status: string; contact_email: string };
}

/** Submits and verifies the email: the registration is then pending approval. */
export async function submitAndVerify(t: TestApp, fields: Record<string, unknown> = {}, ip = '198.51.100.1') {
  const created = await submit(t, fields, ip);
  const res = await t.request('/registration/verify-email', { method: 'POST', json: { token: linkToken(t, created.contact_email, 'verify_token') } });
  expect(res.status).toBe(200);
  return created;
}

/** PATCH /api/v1/admin/registrations/{id}. */
export function review(t: TestApp, id: string, body: Record<string, unknown>) {
  return t.admin(`/api/v1/admin/registrations/${id}`, { method: 'PATCH', json: body });
}
