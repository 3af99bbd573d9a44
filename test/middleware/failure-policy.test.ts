// When the auth service cannot answer: 503 with Retry-After by default (fail closed); with
// failOpenFor, a key's stale cached answer only, never an unknown key.
import { describe, expect, it } from 'vitest';
import { bearer, inProcessStub } from './stub';

describe('failure policy', () => {
  it('fails closed: 503 with the auth service’s Retry-After when it answers 5xx', async () => {
    const stub = inProcessStub();
    const { api_key } = await stub.newKey();
    stub.app.controls.failNext({ path: '/api/v1/keys/validate', status: 503, retry_after: 7 });
    const errors: unknown[] = [];
    const guard = stub.guard({ onError: (error) => errors.push(error) });
    expect(await guard.check(bearer(api_key))).toEqual({
      ok: false,
      status: 503,
      headers: { 'Retry-After': '7' },
      body: { detail: 'Authentication service unavailable', error_code: 'auth_unavailable' },
    });
    expect(errors).toHaveLength(1);
    // The failure is not cached: the next request is validated.
    expect((await guard.check(bearer(api_key))).ok).toBe(true);
  });

  it('fails closed on a dropped connection, even for a key it validated before (no failOpenFor)', async () => {
    const stub = inProcessStub();
    const { api_key } = await stub.newKey();
    const guard = stub.guard();
    expect((await guard.check(bearer(api_key))).ok).toBe(true);
    stub.clock.advance(300_000);
    stub.outage.on = true;
    expect(await guard.check(bearer(api_key))).toMatchObject({ ok: false, status: 503, headers: { 'Retry-After': '5' } });
  });

  it('with failOpenFor, serves a known key’s stale answer during an outage, and only for that long', async () => {
    const stub = inProcessStub();
    const { api_key } = await stub.newKey();
    const guard = stub.guard({ failOpenFor: 600_000 });
    expect((await guard.check(bearer(api_key))).ok).toBe(true);
    stub.clock.advance(300_000);
    stub.outage.on = true;
    expect(await guard.check(bearer(api_key))).toMatchObject({ ok: true, source: 'stale-cache' });
    stub.clock.advance(599_999);
    expect(await guard.check(bearer(api_key))).toMatchObject({ ok: true, source: 'stale-cache' });
    stub.clock.advance(1);
    expect(await guard.check(bearer(api_key))).toMatchObject({ ok: false, status: 503 });
  });

  it('with failOpenFor, never lets in a key it has not seen', async () => {
    const stub = inProcessStub();
    const { api_key } = await stub.newKey();
    const guard = stub.guard({ failOpenFor: 600_000 });
    stub.outage.on = true;
    expect(await guard.check(bearer(api_key))).toMatchObject({ ok: false, status: 503, body: { error_code: 'auth_unavailable' } });
  });

  it('with failOpenFor, keeps refusing a refused key during an outage', async () => {
    const stub = inProcessStub();
    const guard = stub.guard({ failOpenFor: 600_000 });
    const unknown = 'hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456';
    expect(await guard.check(bearer(unknown))).toMatchObject({ ok: false, status: 401 });
    stub.clock.advance(10_000);
    stub.outage.on = true;
    expect(await guard.check(bearer(unknown))).toMatchObject({ ok: false, status: 401, body: { error_code: 'invalid_key' } });
  });

  it('bounds each validation attempt by timeoutMs (default 2 s)', async () => {
    const stub = inProcessStub();
    const { api_key } = await stub.newKey();
    stub.hold.validations = new Promise(() => {});
    const guard = stub.guard({ timeoutMs: 50 });
    const started = Date.now();
    expect(await guard.check(bearer(api_key))).toMatchObject({ ok: false, status: 503 });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
