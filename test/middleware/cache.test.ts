// The guard's validation cache, on the stub's controllable clock: hits, expiry, negative answers,
// single-flight, revocation (after the TTL, or at once with invalidate) and per-IP answers.
import { describe, expect, it, vi } from 'vitest';
import { MemoryGuardStore, type GuardCacheEntry, type GuardStore } from '../../src/middleware';
import { bearer, inProcessStub } from './stub';

describe('validation cache', () => {
  it('validates a key once and answers from cache until the TTL (default 300 s) is over', async () => {
    const stub = inProcessStub();
    const guard = stub.guard();
    const { api_key, key_info } = await stub.newKey();

    const first = await guard.check(bearer(api_key));
    expect(first).toMatchObject({ ok: true, source: 'auth-service', key: { key_id: key_info.key_id, scopes: ['predict'] } });
    stub.clock.advance(299_000);
    expect(await guard.check(bearer(api_key))).toMatchObject({ ok: true, source: 'cache', key: { key_id: key_info.key_id } });
    expect(stub.calls.validations).toBe(1);

    stub.clock.advance(1_000);
    expect(await guard.check(bearer(api_key))).toMatchObject({ ok: true, source: 'auth-service' });
    expect(stub.calls.validations).toBe(2);
  });

  it('follows a configured TTL, and validates every request with cache: false', async () => {
    const stub = inProcessStub();
    const { api_key } = await stub.newKey();
    const short = stub.guard({ cache: { ttlMs: 1_000 } });
    await short.check(bearer(api_key));
    stub.clock.advance(999);
    await short.check(bearer(api_key));
    expect(stub.calls.validations).toBe(1);
    stub.clock.advance(1);
    await short.check(bearer(api_key));
    expect(stub.calls.validations).toBe(2);

    const none = stub.guard({ cache: false });
    for (let i = 0; i < 3; i++) expect(await none.check(bearer(api_key))).toMatchObject({ ok: true, source: 'auth-service' });
    expect(stub.calls.validations).toBe(5);
  });

  it('keeps a refused key’s answer for 10 s (negative caching), then asks again', async () => {
    const stub = inProcessStub();
    const guard = stub.guard();
    const unknown = 'hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456';
    const refusal = { ok: false, status: 401, body: { detail: 'Invalid API key', error_code: 'invalid_key' } };
    expect(await guard.check(bearer(unknown))).toMatchObject(refusal);
    stub.clock.advance(9_999);
    expect(await guard.check(bearer(unknown))).toMatchObject(refusal);
    expect(stub.calls.validations).toBe(1);
    stub.clock.advance(1);
    expect(await guard.check(bearer(unknown))).toMatchObject(refusal);
    expect(stub.calls.validations).toBe(2);
  });

  it('sends one validation for many concurrent first requests with one key (single-flight)', async () => {
    const stub = inProcessStub();
    const guard = stub.guard();
    const { api_key } = await stub.newKey({ rate_limit_per_hour: 1000 });
    const outcomes = await Promise.all(Array.from({ length: 200 }, () => guard.check(bearer(api_key))));
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(stub.calls.validations).toBe(1);
  });

  it('answers a cache hit synchronously with the default store (checkNow), and the same answer through a promise with an asynchronous store', async () => {
    const stub = inProcessStub();
    const { api_key, key_info } = await stub.newKey({ rate_limit_per_hour: 10 });
    const guard = stub.guard();
    expect(await guard.checkNow(bearer(api_key))).toMatchObject({ ok: true, source: 'auth-service' });
    // A synchronous hit still counts against the hour: nine more are let through, the next refused.
    for (let use = 2; use <= 10; use++) {
      expect(guard.checkNow(bearer(api_key))).toEqual({ ok: true, source: 'cache', key: expect.objectContaining({ key_id: key_info.key_id }) });
    }
    expect(guard.checkNow(bearer(api_key))).toMatchObject({ ok: false, status: 429 });

    const inner = new MemoryGuardStore({ now: () => stub.clock.now() });
    const store: GuardStore = {
      get: async (id) => inner.get(id),
      set: async (id, entry, ttlMs) => inner.set(id, entry, ttlMs),
      delete: async (id) => inner.delete(id),
      countUse: async (keyId, limit, now) => inner.countUse(keyId, limit, now),
      raiseUses: async (keyId, used, now) => inner.raiseUses(keyId, used, now),
    };
    const other = await stub.newKey();
    const shared = stub.guard({ cache: { store } });
    expect(await shared.check(bearer(other.api_key))).toMatchObject({ ok: true, source: 'auth-service' });
    const hit = shared.checkNow(bearer(other.api_key));
    expect(hit).toBeInstanceOf(Promise);
    expect(await hit).toMatchObject({ ok: true, source: 'cache', key: { key_id: other.key_info.key_id } });
    expect(stub.calls.validations).toBe(2);
  });

  it('takes a store answering with thenables of another promise library, or synchronously, and still gives adapters a native Promise or a ready outcome', async () => {
    const stub = inProcessStub();
    const inner = new MemoryGuardStore({ now: () => stub.clock.now() });
    // A minimal thenable, as a promise library other than the native one would give.
    const thenable = <T>(value: T): PromiseLike<T> => ({ then: (onFulfilled) => thenable(onFulfilled ? onFulfilled(value) : value) }) as PromiseLike<T>;
    const foreign = {
      get: (id: string) => thenable(inner.get(id)),
      set: (id: string, entry: GuardCacheEntry, ttlMs: number) => thenable(inner.set(id, entry, ttlMs)),
      delete: (id: string) => thenable(inner.delete(id)),
      countUse: (keyId: string, limit: number, now: number) => thenable(inner.countUse(keyId, limit, now)),
      raiseUses: (keyId: string, used: number, now: number) => thenable(inner.raiseUses(keyId, used, now)),
    } as unknown as GuardStore;
    const { api_key, key_info } = await stub.newKey();
    const guard = stub.guard({ cache: { store: foreign } });
    expect(await guard.check(bearer(api_key))).toMatchObject({ ok: true, source: 'auth-service' });
    const hit = guard.checkNow(bearer(api_key));
    expect(hit).toBeInstanceOf(Promise);
    expect(await hit).toMatchObject({ ok: true, source: 'cache', key: { key_id: key_info.key_id } });

    // A custom store that answers synchronously is answered synchronously too.
    const synchronous: GuardStore = {
      get: (id) => inner.get(id),
      set: (id, entry, ttlMs) => inner.set(id, entry, ttlMs),
      delete: (id) => inner.delete(id),
      countUse: (keyId, limit, now) => inner.countUse(keyId, limit, now),
      raiseUses: (keyId, used, now) => inner.raiseUses(keyId, used, now),
    };
    expect(stub.guard({ cache: { store: synchronous } }).checkNow(bearer(api_key))).toMatchObject({ ok: true, source: 'cache' });
    expect(stub.calls.validations).toBe(1);
  });

  it('does not validate again for a request that read the store just before the first validation ended', async () => {
    const stub = inProcessStub();
    const inner = new MemoryGuardStore({ now: () => stub.clock.now() });
    // The next read of the store waits for this gate after reading, as a slow shared store would.
    const gates: Promise<void>[] = [];
    const store: GuardStore = {
      get: async (id) => {
        const entry = inner.get(id);
        await gates.shift();
        return entry;
      },
      set: (id, entry, ttlMs) => inner.set(id, entry, ttlMs),
      delete: (id) => inner.delete(id),
      countUse: (keyId, limit, now) => inner.countUse(keyId, limit, now),
      raiseUses: (keyId, used, now) => inner.raiseUses(keyId, used, now),
    };
    const guard = stub.guard({ cache: { store } });
    const { api_key } = await stub.newKey();
    let open!: () => void;
    gates.push(new Promise((resolve) => (open = resolve)));
    const late = guard.check(bearer(api_key)); // read the empty store, then waits
    expect((await guard.check(bearer(api_key))).ok).toBe(true); // validates and stores
    open();
    expect((await late).ok).toBe(true);
    expect(stub.calls.validations).toBe(1);
  });

  it('sees a revocation once the cached answer expires', async () => {
    const stub = inProcessStub();
    const guard = stub.guard({ cache: { ttlMs: 60_000 } });
    const { api_key, key_info } = await stub.newKey();
    expect((await guard.check(bearer(api_key))).ok).toBe(true);
    await stub.admin.keys.revoke(key_info.key_id);
    // Within the TTL the cached answer still holds: the trade-off the TTL sets.
    expect((await guard.check(bearer(api_key))).ok).toBe(true);
    stub.clock.advance(60_000);
    expect(await guard.check(bearer(api_key))).toMatchObject({
      ok: false,
      status: 401,
      headers: { 'WWW-Authenticate': 'Bearer' },
      body: { detail: 'API key is inactive or has been revoked', error_code: 'revoked' },
    });
  });

  it('sees a revocation at once after guard.invalidate(key)', async () => {
    const stub = inProcessStub();
    const guard = stub.guard();
    const { api_key, key_info } = await stub.newKey();
    expect((await guard.check(bearer(api_key))).ok).toBe(true);
    await stub.admin.keys.revoke(key_info.key_id);
    await guard.invalidate(api_key);
    expect(await guard.check(bearer(api_key))).toMatchObject({ ok: false, status: 401, body: { error_code: 'revoked' } });
  });

  it('does not store an answer that was asked for before an invalidation', async () => {
    const stub = inProcessStub();
    const guard = stub.guard();
    const { api_key, key_info } = await stub.newKey();
    let release!: () => void;
    stub.hold.validations = new Promise((resolve) => (release = resolve));
    const inFlight = guard.check(bearer(api_key));
    await vi.waitFor(() => expect(stub.calls.validations).toBe(1));
    await guard.invalidate(api_key);
    release();
    expect((await inFlight).ok).toBe(true);
    await stub.admin.keys.revoke(key_info.key_id);
    expect(await guard.check(bearer(api_key))).toMatchObject({ ok: false, body: { error_code: 'revoked' } });
  });

  it('keeps answers per client IP, so an allowlisted key validated from one address is refused from another', async () => {
    const stub = inProcessStub();
    const guard = stub.guard();
    const { api_key } = await stub.newKey({ allowed_ips: ['203.0.113.0/24'] });
    expect((await guard.check(bearer(api_key, '203.0.113.7'))).ok).toBe(true);
    expect(await guard.check(bearer(api_key, '198.51.100.1'))).toMatchObject({
      ok: false,
      status: 403,
      body: { detail: 'IP address not in allowlist', error_code: 'ip_not_allowed' },
    });
    expect((await guard.check(bearer(api_key, '203.0.113.7'))).ok).toBe(true);
    expect(stub.calls.validations).toBe(2);
  });
});

describe('MemoryGuardStore', () => {
  const entry = { byClientIp: {} };

  it('keeps an entry for its time to live on the given clock, then forgets it', () => {
    let now = 1_000_000;
    const store = new MemoryGuardStore({ now: () => now });
    store.set('id-1', entry, 5_000);
    now += 5_000;
    expect(store.get('id-1')).toBe(entry);
    now += 1;
    expect(store.get('id-1')).toBeUndefined();
    // Forgotten for good, even if the clock were set back.
    now -= 10_000;
    expect(store.get('id-1')).toBeUndefined();
  });

  it('drops the least recently used entry beyond `max`', () => {
    const store = new MemoryGuardStore({ max: 2 });
    store.set('a', entry, 60_000);
    store.set('b', entry, 60_000);
    store.get('a');
    store.set('c', entry, 60_000);
    expect([store.get('a'), store.get('b'), store.get('c')]).toEqual([entry, undefined, entry]);
  });

  it("counts a key's uses over the hour however long it stays in use", () => {
    let now = 0;
    const store = new MemoryGuardStore({ now: () => now });
    for (let i = 0; i < 3; i++) expect(store.countUse('key-1', 3, now).allowed).toBe(true);
    now += 59 * 60_000;
    expect(store.countUse('key-1', 3, now)).toMatchObject({ allowed: false, remaining: 0 });
    // The first uses leave the window an hour (and at most a second) after they were made.
    now += 62_000;
    expect(store.countUse('key-1', 3, now)).toMatchObject({ allowed: true, remaining: 2 });
  });
});
