// GET /register in a real headless Chromium: a person fills the form and sees the next step,
// sees a missing field's error next to that field, gets there by keyboard alone, and gets the
// same without JavaScript (form post, result page). The verification link from the outbox
// leads on to review. Screenshots go to reports/screenshots/ (kept, not committed).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HokusaiAuth } from '../../src/platform';
import { startServer, type RunningServer } from '../../src/server/node';
import { launchBrowser } from './browser-harness';
import { ROOT } from './built-package';

const ADMIN_TOKEN = 'registration-page-admin-token-0123456789';
const SCREENSHOTS = join(ROOT, 'reports/screenshots');

// Chromium logs every 4xx answer as a console error; a refused form is meant to get a 400.
const EXPECTED_400 = /^console error: Failed to load resource: the server responded with a status of 400/;
const unexpected = (problems: string[]) => problems.filter((problem) => !EXPECTED_400.test(problem));

const APPLICANT = {
  organization: 'Acme AI Labs',
  name: 'Jane Smith',
  website: 'https://acme.ai',
  useCase: 'Integrating Hokusai predictions into our analytics platform',
};

let browser: Browser | undefined;
let server: RunningServer | undefined;
let auth: HokusaiAuth;
let applicant = 0;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startServer({ port: 0, memory: true, quiet: true, testControls: true, adminToken: ADMIN_TOKEN });
  auth = new HokusaiAuth({ baseUrl: server.url, adminToken: ADMIN_TOKEN, maxRetries: 0 });
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
// Every test starts from an empty server: no applications, limits afresh.
beforeEach(() => server!.app.controls!.reset());

/** A fresh email per test, so no application is "already in progress". */
const nextEmail = () => `jane${++applicant}@acme-labs.example`;

async function open(javaScript: boolean): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser!.newContext({ javaScriptEnabled: javaScript });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(`${server!.url}/register`);
  return { context, page, problems };
}

/** Fills the form the way a person finds it: by each field's visible label. */
async function fill(page: Page, email: string, skip: string[] = []): Promise<void> {
  const values: [RegExp, string][] = [
    [/organization name/i, APPLICANT.organization],
    [/full name/i, APPLICANT.name],
    [/^email/i, email],
    [/website/i, APPLICANT.website],
    [/use hokusai for/i, APPLICANT.useCase],
  ];
  for (const [label, value] of values) if (!skip.includes(label.source)) await page.getByLabel(label).fill(value);
}

describe('the registration page in Chromium', () => {
  it('with JavaScript: fill, submit, and the next step shows in the page', async () => {
    const { context, page, problems } = await open(true);
    expect(await page.title()).toBe('Register for Hokusai');
    const email = nextEmail();
    await fill(page, email);
    await page.getByRole('button', { name: /submit registration/i }).click();
    const notice = page.locator('#notice');
    await expect.poll(() => notice.textContent(), { timeout: 10_000 }).toContain('pending_email_verification');
    expect(await notice.textContent()).toContain(`Check ${email} for a verification link`);
    expect(await notice.getAttribute('role')).toBe('status');
    expect(page.url()).toBe(`${server!.url}/register`); // shown in place, no navigation
    await page.screenshot({ path: join(SCREENSHOTS, 'registration-submitted.png'), fullPage: true });
    expect((await auth.registration.status(email)).status).toBe('pending_email_verification');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('with JavaScript: a missing field gets its error next to it, marked invalid, and the focus', async () => {
    const { context, page, problems } = await open(true);
    const email = nextEmail();
    await fill(page, email, ['use hokusai for']);
    await page.getByRole('button', { name: /submit registration/i }).click();
    const useCase = page.getByLabel(/use hokusai for/i);
    await expect.poll(() => useCase.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true');
    // The error is the field's description: a screen reader reads it with the field.
    const describedBy = await useCase.getAttribute('aria-describedby');
    const error = page.locator(`#${describedBy}`);
    expect((await error.textContent())?.trim()).not.toBe('');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('use_case');
    // Only that field is marked; the others keep what was typed.
    expect(await page.getByLabel(/organization name/i).getAttribute('aria-invalid')).toBeNull();
    expect(await page.getByLabel(/^email/i).inputValue()).toBe(email);
    await page.screenshot({ path: join(SCREENSHOTS, 'registration-missing-field.png'), fullPage: true });
    await expect(auth.registration.status(email)).rejects.toMatchObject({ status: 404 });
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  }, 60_000);

  it('by keyboard alone: Tab reaches every field in order, Enter on the button submits', async () => {
    const { context, page, problems } = await open(true);
    const email = nextEmail();
    const typed = [APPLICANT.organization, APPLICANT.name, email, APPLICANT.website, APPLICANT.useCase];
    const order: string[] = [];
    for (const text of typed) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => document.activeElement?.id ?? ''));
      await page.keyboard.type(text);
    }
    expect(order).toEqual(['organization_name', 'contact_name', 'contact_email', 'website_url', 'use_case']);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/submit registration/i);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#notice').textContent(), { timeout: 10_000 }).toContain('pending_email_verification');
    expect((await auth.registration.status(email)).status).toBe('pending_email_verification');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('without JavaScript: the form posts and a result page shows the next step', async () => {
    const { context, page } = await open(false);
    const email = nextEmail();
    await fill(page, email);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /submit registration/i }).click()]);
    const body = await page.locator('body').innerText();
    expect(body).toContain(`Check ${email} for a verification link`);
    await page.screenshot({ path: join(SCREENSHOTS, 'registration-submitted-no-js.png'), fullPage: true });
    expect((await auth.registration.status(email)).status).toBe('pending_email_verification');
    await context.close();
  }, 60_000);

  it('without JavaScript: a missing field comes back as the form with the error at that field', async () => {
    const { context, page } = await open(false);
    const email = nextEmail();
    await fill(page, email, ['full name']);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /submit registration/i }).click()]);
    const name = page.getByLabel(/full name/i);
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect((await page.locator(`#${await name.getAttribute('aria-describedby')}`).textContent())?.trim()).not.toBe('');
    expect(await page.getByLabel(/organization name/i).inputValue()).toBe(APPLICANT.organization);
    await page.screenshot({ path: join(SCREENSHOTS, 'registration-missing-field-no-js.png'), fullPage: true });
    await context.close();
  }, 60_000);

  it('shows markup typed into a field as text, never as markup', async () => {
    const { context, page, problems } = await open(false);
    const hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    await fill(page, 'not-an-email');
    await page.getByLabel(/organization name/i).fill(hostile);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /submit registration/i }).click()]);
    expect(await page.getByLabel(/organization name/i).inputValue()).toBe(hostile);
    expect(await page.locator('main img, main script').count()).toBe(0);
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  }, 60_000);

  it('follows the verification link from the outbox: one click verifies, and review comes next', async () => {
    const { context, page, problems } = await open(true);
    const email = nextEmail();
    await fill(page, email);
    await page.getByRole('button', { name: /submit registration/i }).click();
    await expect.poll(() => page.locator('#notice').textContent(), { timeout: 10_000 }).toContain('pending_email_verification');
    const mail = server!.app.controls!.outbox().findLast((m) => m.to === email);
    expect(mail?.links).toHaveLength(1);
    await page.goto(mail!.links[0]!);
    // Opening the link changes nothing (a mail scanner may open it); the button does.
    expect((await auth.registration.status(email)).status).toBe('pending_email_verification');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /verify my email/i }).click()]);
    expect(await page.locator('body').innerText()).toMatch(/approv/i);
    await page.screenshot({ path: join(SCREENSHOTS, 'registration-verified.png'), fullPage: true });
    expect((await auth.registration.status(email)).status).toBe('pending_approval');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
