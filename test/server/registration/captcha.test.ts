// CAPTCHA: off by default; with it on (`--captcha`), `captcha_token` is required and checked by
// a verifier the test controls set to pass or fail.
import { describe, expect, it } from 'vitest';
import { parseMainArgs } from '../../../src/server/cli-args';
import { makeTestApp } from '../support';
import { ACME } from './helpers';

describe('registration CAPTCHA', () => {
  it('is not asked for by default', async () => {
    const t = makeTestApp();
    expect((await t.request('/register', { method: 'POST', json: ACME })).status).toBe(201);
    expect(await (await t.request('/register')).text()).not.toContain('captcha_token');
  });

  it('with CAPTCHA on, requires captcha_token and follows the verifier', async () => {
    const t = makeTestApp({ registration: { captcha: true } });
    const missing = await t.request('/register', { method: 'POST', json: ACME });
    expect(missing.status).toBe(400);
    expect((await missing.json()).errors).toEqual([{ field: 'captcha_token', message: 'Required when CAPTCHA is on' }]);

    t.app.controls.setCaptcha(false);
    const failed = await t.request('/register', { method: 'POST', json: { ...ACME, captcha_token: 'token-from-widget' } });
    expect(failed.status).toBe(400);
    expect((await failed.json()).errors).toEqual([{ field: 'captcha_token', message: 'CAPTCHA verification failed' }]);

    t.app.controls.setCaptcha((token) => token === 'good');
    expect((await t.request('/register', { method: 'POST', json: { ...ACME, captcha_token: 'bad' } })).status).toBe(400);
    expect((await t.request('/register', { method: 'POST', json: { ...ACME, captcha_token: 'good' } })).status).toBe(201);
    // The page asks for the token too.
    expect(await (await t.request('/register')).text()).toContain('name="captcha_token"');
  });

  it('is switched on by --captcha, and the limits by --registration-* flags', () => {
    const settings = parseMainArgs(['--captcha', '--registration-ip-limit', '3', '--memory'], {});
    expect(settings.registration).toMatchObject({ captcha: true, ipLimit: 3, domainLimit: 20 });
    expect(parseMainArgs(['--memory'], {}).registration).toBeUndefined();
    expect(() => parseMainArgs(['--registration-window', 'soon', '--memory'], {})).toThrow(/--registration-window/);
  });
});

describe('registration CAPTCHA over the test controls', () => {
  it('POST /__hokusai/captcha {pass} sets the verdict', async () => {
    const t = makeTestApp({ registration: { captcha: true }, testControls: true });
    const set = (pass: unknown) => t.admin('/__hokusai/captcha', { method: 'POST', json: { pass } });
    expect((await set(false)).status).toBe(200);
    expect((await t.request('/register', { method: 'POST', json: { ...ACME, captcha_token: 't' } })).status).toBe(400);
    expect((await set(true)).status).toBe(200);
    expect((await t.request('/register', { method: 'POST', json: { ...ACME, captcha_token: 't' } })).status).toBe(201);
    expect((await set('yes')).status).toBe(400);
  });
});
