// Prints the SQLite backend SqliteStore picks on this runtime, from the built server entry as
// users import it: `<runtime> sqlite-entry.mjs` → {"driver":"node:sqlite"}.
import { SqliteStore } from '@hokusai/auth/server/node';

const store = new SqliteStore({ filename: ':memory:' });
store.insertKey({
  key_id: '00000000-0000-4000-8000-000000000001',
  key_hash: 'hash-1',
  name: 'backend check',
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
  created_at: 0,
  expires_at: null,
  last_used_at: null,
});
console.log(JSON.stringify({ driver: store.driver, found: store.findKeyByHash('hash-1')?.name ?? null }));
store.close();
