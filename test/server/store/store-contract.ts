// The behaviour every Store must have, run against MemoryStore and SqliteStore alike.
import { describe, expect, it } from 'vitest';
import type { Store } from '../../../src/server';
import { registrationStoreContract } from './registration-store-contract';
import { storedKey } from '../../support/fixtures';

/** A fresh key record (see test/support/fixtures.ts). */
export const newKey = storedKey;

export function usage(keyId: string, recordedAt: number, endpoint = '/v1/predict') {
  return {
    key_id: keyId,
    service_id: 'prediction',
    endpoint,
    status_code: 200,
    response_time_ms: 10,
    predictions_count: 1,
    compute_ms: 5,
    recorded_at: recordedAt,
  };
}

export function describeStoreContract(name: string, open: () => Store): void {
  describe(`${name} (Store contract)`, () => {
    registrationStoreContract(open);
    it('finds a key by id and by hash, with every field as inserted', () => {
      const store = open();
      const key = newKey({ allowed_ips: ['10.0.0.0/8', '::1'], scopes: ['a', 'b'], monthly_prediction_limit: 5, expires_at: 123 });
      const stored = store.insertKey(key);
      expect(stored).toMatchObject(key);
      expect(store.findKeyById(key.key_id)).toEqual(stored);
      expect(store.findKeyByHash(key.key_hash)).toEqual(stored);
      expect(store.findKeyById('00000000-0000-4000-8000-ffffffffffff')).toBeUndefined();
      expect(store.findKeyByHash('no-such-hash')).toBeUndefined();
    });

    it('clear() removes every key and usage record and keeps the hashing secret', () => {
      const store = open();
      const secret = store.hmacSecret();
      const key = store.insertKey(newKey());
      store.insertUsage(usage(key.key_id, 42));
      store.clear();
      expect(store.findKeyByHash(key.key_hash)).toBeUndefined();
      expect(store.findKeyById(key.key_id)).toBeUndefined();
      expect(store.listKeys()).toEqual([]);
      expect(store.usageBetween(0, Number.MAX_SAFE_INTEGER)).toEqual([]);
      expect(store.hmacSecret()).toBe(secret);
      const again = store.insertKey(newKey({ key_hash: key.key_hash }));
      expect(store.findKeyByHash(key.key_hash)?.key_id).toBe(again.key_id);
    });

    it('refuses a second key with the same hash', () => {
      const store = open();
      const key = newKey();
      store.insertKey(key);
      expect(() => store.insertKey({ ...newKey(), key_hash: key.key_hash })).toThrow();
    });

    it('lists newest first, insertion order breaking ties, and filters by service', () => {
      const store = open();
      const a = store.insertKey(newKey({ created_at: 1000 }));
      const b = store.insertKey(newKey({ created_at: 1000, service_id: 'platform' }));
      const c = store.insertKey(newKey({ created_at: 2000 }));
      expect(store.listKeys().map((k) => k.key_id)).toEqual([c.key_id, b.key_id, a.key_id]);
      expect(store.listKeys({ service_id: 'platform' }).map((k) => k.key_id)).toEqual([b.key_id]);
    });

    it('deactivates, touches and replaces keys', () => {
      const store = open();
      const old = store.insertKey(newKey());
      expect(store.setKeyActive(old.key_id, false)).toBe(true);
      expect(store.findKeyById(old.key_id)?.is_active).toBe(false);
      expect(store.setKeyActive('00000000-0000-4000-8000-ffffffffffff', false)).toBe(false);
      store.touchKey(old.key_id, 5000);
      expect(store.findKeyById(old.key_id)?.last_used_at).toBe(5000);

      const active = store.insertKey(newKey());
      const replacement = store.replaceKey(active.key_id, newKey());
      expect(store.findKeyById(active.key_id)?.is_active).toBe(false);
      expect(store.findKeyById(replacement!.key_id)?.is_active).toBe(true);
    });

    it('leaves the old key active when the replacement cannot be inserted', () => {
      const store = open();
      const active = store.insertKey(newKey());
      const taken = store.insertKey(newKey());
      expect(() => store.replaceKey(active.key_id, { ...newKey(), key_hash: taken.key_hash })).toThrow();
      expect(store.findKeyById(active.key_id)?.is_active).toBe(true);
    });

    it('does not let callers change stored keys through returned objects', () => {
      const store = open();
      const key = store.insertKey(newKey());
      const copy = store.findKeyById(key.key_id)!;
      copy.scopes.push('admin');
      copy.is_active = false;
      expect(store.findKeyById(key.key_id)).toMatchObject({ scopes: ['predict'], is_active: true });
    });

    it('returns usage records in a half-open time range, per key and overall', () => {
      const store = open();
      const a = store.insertKey(newKey());
      const b = store.insertKey(newKey());
      store.insertUsage(usage(a.key_id, 100));
      store.insertUsage(usage(a.key_id, 200));
      store.insertUsage(usage(b.key_id, 150));
      store.insertUsage(usage(a.key_id, 300));
      expect(store.usageForKey(a.key_id, 100, 300).map((r) => r.recorded_at)).toEqual([100, 200]);
      expect(store.usageBetween(100, 301).map((r) => r.recorded_at)).toEqual([100, 150, 200, 300]);
      expect(store.usageForKey(b.key_id, 0, 1000)[0]).toMatchObject(usage(b.key_id, 150));
    });

    it('keeps one hashing secret for its whole life and reports readiness until closed', () => {
      const store = open();
      const secret = store.hmacSecret();
      expect(secret).toMatch(/^[0-9a-f]{64}$/);
      expect(store.hmacSecret()).toBe(secret);
      expect(store.ping()).toBe(true);
      store.close();
      expect(store.ping()).toBe(false);
    });

    it('shows everything it holds in a snapshot', () => {
      const store = open();
      const key = store.insertKey(newKey());
      store.insertUsage(usage(key.key_id, 1));
      const snapshot = store.snapshot();
      expect(snapshot.keys).toEqual([key]);
      expect(snapshot.usage).toHaveLength(1);
    });
  });
}
