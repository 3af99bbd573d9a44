// No key value in any log, error, cache id or store entry.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKeyGuard, MemoryGuardStore, type GuardCacheEntry, type GuardStore } from '../../src/middleware';
import { bearer, inProcessStub, KEY_PATTERN } from './stub';

/** A store that remembers every id and entry it was given. */
function recordingStore(): GuardStore & { seen: string[] } {
  const inner = new MemoryGuardStore();
  const seen: string[] = [];
  return {
    seen,
    get: (id) => (seen.push(id), inner.get(id)),
    set: (id, entry: GuardCacheEntry, ttlMs) => (seen.push(id, JSON.stringify(entry)), inner.set(id, entry, ttlMs)),
    delete: (id) => (seen.push(id), inner.delete(id)),
    countUse: (keyId, limit, now) => (seen.push(keyId), inner.countUse(keyId, limit, now)),
    raiseUses: (keyId, used, now) => (seen.push(keyId), inner.raiseUses(keyId, used, now)),
  };
}

afterEach(() => vi.restoreAllMocks());

describe('no key value anywhere', () => {
  it('caches under a hash of the key: no store id or entry contains it', async () => {
    const stub = inProcessStub();
    const store = recordingStore();
    const guard = stub.guard({ cache: { store } });
    const { api_key } = await stub.newKey();
    const unknown = 'hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456';
    await guard.check(bearer(api_key));
    await guard.check(bearer(api_key));
    await guard.check(bearer(unknown));
    await guard.invalidate(api_key);
    expect(store.seen.length).toBeGreaterThan(5);
    for (const text of store.seen) {
      expect(text).not.toMatch(KEY_PATTERN);
      expect(text).not.toContain(api_key.slice(8));
    }
  });

  it('logs failures (default onError) without the key, and answers without it', async () => {
    const stub = inProcessStub();
    const { api_key } = await stub.newKey();
    const logged: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    const guard = createKeyGuard({ auth: stub.service, service_id: 'prediction', now: () => stub.clock.now() });
    stub.outage.on = true;
    const outcome = await guard.check(bearer(api_key));
    stub.outage.on = false;
    stub.app.controls.failNext({ path: '/api/v1/keys/validate', status: 500, body: { detail: `boom ${api_key}` } });
    const second = await guard.check(bearer(api_key));
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatch(/^@hokusai\/auth\/middleware: APIConnectionError/);
    for (const text of [...logged, JSON.stringify(outcome), JSON.stringify(second)]) expect(text).not.toContain(api_key);
  });

  it('hands onError errors whose message, JSON and inspection leave the key out', async () => {
    const stub = inProcessStub();
    const { api_key } = await stub.newKey();
    const errors: unknown[] = [];
    const guard = stub.guard({ onError: (error) => errors.push(error) });
    stub.app.controls.failNext({ path: '/api/v1/keys/validate', status: 503, body: { detail: `unavailable for ${api_key}` } });
    await guard.check(bearer(api_key));
    expect(errors).toHaveLength(1);
    const error = errors[0] as Error;
    const { inspect } = await import('node:util');
    for (const text of [error.message, JSON.stringify(error), inspect(error)]) expect(text).not.toContain(api_key);
  });
});
