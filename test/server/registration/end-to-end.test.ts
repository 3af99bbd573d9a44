// The registration lifecycle end to end through the two ways users run the stub: a real TCP
// server (mails read over HTTP from /__hokusai/outbox, links followed as a browser would) and
// the msw handlers (mails read from the handle's controls).
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHokusaiHandlers } from '../../../src/msw';
import { startServer, type RunningServer } from '../../../src/server/node';
import type { OutboxMail } from '../../../src/server';
import { ACME } from './helpers';

const ADMIN = 'registration-e2e-admin-token-0123456789';

/** The whole lifecycle against `base`, reading mails with `outbox`. */
async function lifecycle(base: string, adminToken: string, outbox: () => Promise<OutboxMail[]>) {
  const json = (method: string, path: string, body?: unknown, admin = false) =>
    fetch(`${base}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(admin ? { Authorization: `Bearer ${adminToken}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const submitted = await json('POST', '/register', ACME);
  expect(submitted.status).toBe(201);
  const { id } = (await submitted.json()) as { id: string };

  // Follow the verification link: the page shows a form that posts the token.
  const verification = (await outbox()).at(-1)!;
  expect(verification.to).toBe('dev@acme.ai');
  expect(verification.links[0]!.startsWith(`${base}/register?verify_token=`)).toBe(true);
  const page = await (await fetch(verification.links[0]!)).text();
  const token = /name="token" value="([^"]+)"/.exec(page)![1]!;
  const verified = await fetch(`${base}/registration/verify-email`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }).toString(),
  });
  expect(verified.status).toBe(200);
  expect(await verified.text()).toContain('Email verified');

  expect((await json('PATCH', `/api/v1/admin/registrations/${id}`, { action: 'approve' }, true)).status).toBe(200);
  const welcome = (await outbox()).at(-1)!;
  const claimToken = new URL(welcome.links[0]!).searchParams.get('claim_token');
  const claimed = await json('POST', '/registration/claim', { token: claimToken });
  expect(claimed.status).toBe(200);
  const { api_key } = (await claimed.json()) as { api_key: string };
  const validated = await fetch(`${base}/api/v1/keys/validate`, { method: 'POST', headers: { 'X-API-Key': api_key } });
  expect(validated.status).toBe(200);
  expect((await json('POST', '/registration/claim', { token: claimToken })).status).toBe(410);
  expect(((await (await json('POST', '/registration/status', { email: 'dev@acme.ai' })).json()) as { status: string }).status).toBe('approved');
}

describe('registration end to end over TCP', () => {
  let server: RunningServer;
  const log: string[] = [];
  beforeAll(async () => {
    server = await startServer({ port: 0, memory: true, adminToken: ADMIN, quiet: true, testControls: true, requestLog: { format: 'text', write: (line) => log.push(line) } });
  });
  afterAll(() => server?.close());

  it('submits, follows the mailed links, is approved and claims the key once; each mail is one log line', async () => {
    const outbox = async () =>
      (await (await fetch(`${server.url}/__hokusai/outbox`, { headers: { Authorization: `Bearer ${ADMIN}` } })).json()) as OutboxMail[];
    await lifecycle(server.url, ADMIN, outbox);
    const mailLines = log.filter((line) => / MAIL to=/.test(line));
    expect(mailLines).toHaveLength(2);
    expect(mailLines[0]).toMatch(/ MAIL to=dev@acme\.ai subject="Verify your email for Hokusai" id=[0-9a-f-]{36}\n$/);
    // No token or key reaches the log.
    expect(log.join('')).not.toMatch(/verify_token=|claim_token=[A-Za-z0-9_-]{20}|hk_live_/);
  });
});

describe('registration end to end through msw', () => {
  const hokusai = createHokusaiHandlers({ baseUrl: 'http://registration.msw.test', adminToken: ADMIN });
  const mswServer = setupServer(...hokusai.handlers);
  beforeAll(() => mswServer.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => mswServer.close());

  it('runs the same lifecycle in process', async () => {
    await lifecycle(hokusai.baseUrl, ADMIN, async () => hokusai.controls.outbox());
  });
});
