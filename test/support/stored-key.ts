// A stored key record for tests, apart from fixtures.ts (which re-exports it) because the runtime
// scenarios bundle it for Bun, Deno and workerd: it may import types only, never server code.
import type { NewStoredKey } from '../../src/server';

let counter = 0;

/**
 * A key record for a store, unique on every call (id and hash).
 *
 * @example
 * store.insertKey(storedKey({ service_id: 'platform' }));
 */
export function storedKey(overrides: Partial<NewStoredKey> = {}): NewStoredKey {
  counter += 1;
  const id = counter.toString(16).padStart(12, '0');
  return {
    key_id: `00000000-0000-4000-8000-${id}`,
    key_hash: `hash-${id}`,
    name: `key ${counter}`,
    key_prefix: 'hk_test_AbC***',
    user_id: 'admin',
    service_id: 'prediction',
    scopes: ['predict'],
    environment: 'test',
    is_active: true,
    rate_limit_per_hour: 1000,
    monthly_prediction_limit: null,
    allowed_ips: null,
    billing_plan: 'free',
    created_at: Date.UTC(2025, 0, 15),
    expires_at: null,
    last_used_at: null,
    ...overrides,
  };
}
