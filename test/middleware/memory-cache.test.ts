// The in-process cache's hit path: entries read from an index that follows the LRU, recency told
// to the LRUs once a second per entry, and use windows that are never forgotten while counted on.
import { describe, expect, it } from 'vitest';
import { remoteAddressOf } from '../../src/middleware/adapters/socket-address';
import { MemoryCache } from '../../src/middleware/memory-cache';
import type { GuardCacheEntry } from '../../src/middleware';
import { bearer, inProcessStub } from './stub';

const entry: GuardCacheEntry = { byClientIp: {} };

/** A cache on a clock the test moves, and a hit as the guard makes one: read the entry, count a use. */
function cacheOn(max: number) {
  const clock = { now: 1_000_000 };
  const cache = new MemoryCache(max, () => clock.now);
  const hit = (id: string, keyId: string, limit = 100) => {
    const held = cache.held(id);
    if (!held) throw new Error(`${id} is not held`);
    return cache.takeUse(held, keyId, limit, clock.now);
  };
  return { clock, cache, hit };
}

describe('MemoryCache', () => {
  it('answers hits only for entries the LRU still holds: dropped, deleted and replaced ones are gone', () => {
    const { cache } = cacheOn(2);
    cache.set('a', entry, 60_000);
    cache.set('b', entry, 60_000);
    cache.set('c', entry, 60_000);
    expect(cache.held('a')).toBeUndefined();
    cache.delete('b');
    expect(cache.held('b')).toBeUndefined();
    const replacement: GuardCacheEntry = { byClientIp: {} };
    cache.set('c', replacement, 60_000);
    expect(cache.held('c')?.entry).toBe(replacement);
  });

  it('keeps an entry in steady use over newer ones: hits tell the LRU it is in use once a second', () => {
    const { clock, cache, hit } = cacheOn(2);
    cache.set('hot', entry, 300_000);
    expect(hit('hot', 'key-hot')).toBe(true);
    cache.set('cold-1', entry, 300_000);
    clock.now += 1_000;
    expect(hit('hot', 'key-hot')).toBe(true);
    cache.set('cold-2', entry, 300_000);
    expect(cache.held('hot')).toBeDefined();
    expect(cache.held('cold-1')).toBeUndefined();
  });

  it("carries a key's uses over when its window is dropped while a hit counts on it: the limit still holds", () => {
    const { cache, hit } = cacheOn(1);
    cache.set('a', entry, 300_000);
    for (let use = 1; use <= 3; use++) expect(hit('a', 'key-a', 5)).toBe(true);
    // Another key's window takes the only place: key-a's window is dropped.
    expect(cache.countUse('key-b', 5, 1_000_000).allowed).toBe(true);
    expect([hit('a', 'key-a', 5), hit('a', 'key-a', 5), hit('a', 'key-a', 5)]).toEqual([true, true, false]);
    expect(cache.countUse('key-a', 5, 1_000_000)).toMatchObject({ allowed: false, remaining: 0 });
  });

  it('counts hits and the slow path on one window per key', () => {
    const { clock, cache, hit } = cacheOn(10);
    cache.set('a', entry, 300_000);
    cache.raiseUses('key-a', 2, clock.now);
    expect(hit('a', 'key-a', 4)).toBe(true);
    expect(cache.countUse('key-a', 4, clock.now)).toMatchObject({ allowed: true, remaining: 0 });
    expect(hit('a', 'key-a', 4)).toBe(false);
  });
});

describe('the guard on the in-process cache', () => {
  it('takes a client IP spelled like an inherited property name for an address like any other, not for a cached answer', async () => {
    const stub = inProcessStub();
    const guard = stub.guard();
    const { api_key } = await stub.newKey();
    expect((await guard.check(bearer(api_key))).ok).toBe(true);
    for (const name of ['constructor', '__proto__', 'toString']) {
      expect(await guard.check(bearer(api_key, name))).toMatchObject({ ok: true, source: 'auth-service' });
      expect(await guard.check(bearer(api_key, name))).toMatchObject({ ok: true, source: 'cache' });
    }
    expect(stub.calls.validations).toBe(4);
  });
});

describe('remoteAddressOf', () => {
  it("reads a socket's address once per connection, and not before it is known", () => {
    let reads = 0;
    let address: string | undefined;
    const socket = {
      get remoteAddress() {
        reads++;
        return address;
      },
    };
    expect(remoteAddressOf(socket)).toBeUndefined();
    address = '203.0.113.7';
    expect([remoteAddressOf(socket), remoteAddressOf(socket), remoteAddressOf(socket)]).toEqual(['203.0.113.7', '203.0.113.7', '203.0.113.7']);
    expect(reads).toBe(2);
    expect(remoteAddressOf({ remoteAddress: '198.51.100.1' })).toBe('198.51.100.1');
    expect(remoteAddressOf(undefined)).toBeUndefined();
  });
});
