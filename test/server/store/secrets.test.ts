// Keys are never stored or shown in plain text after creation (api.md §1, design.md).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, MemoryStore } from '../../../src/server';
import { SqliteStore } from '../../../src/server/node';
import { nodeHmacHasher } from '../../../src/server/node';
import { ADMIN_TOKEN, makeTestApp } from '../support';

const dir = mkdtempSync(join(tmpdir(), 'hokusai-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every way a key could be written: whole, its secret part, and base64/hex of it. */
function forms(apiKey: string): string[] {
  const secret = apiKey.slice(apiKey.lastIndexOf('_') + 1);
  return [apiKey, secret, Buffer.from(apiKey).toString('base64'), Buffer.from(apiKey).toString('hex'), Buffer.from(secret).toString('hex')];
}

async function createAndRotateKeys(app: ReturnType<typeof createApp>) {
  const keys: string[] = [];
  for (let i = 0; i < 5; i++) {
    const res = await app.request('/api/v1/keys', {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: `k${i}`, service_id: 'prediction', environment: 'test' }),
    });
    const body = await res.json();
    keys.push(body.api_key);
    const rotated = await (
      await app.request(`/api/v1/keys/${body.key_info.key_id}/rotate`, { method: 'POST', headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })
    ).json();
    keys.push(rotated.api_key);
    await app.request('/api/v1/keys/validate', { method: 'POST', headers: { 'X-API-Key': rotated.api_key } });
  }
  return keys;
}

describe('keys at rest', () => {
  it('the SQLite files (database and WAL) hold no key in any form', async () => {
    const filename = join(dir, 'keys.sqlite');
    const store = new SqliteStore({ filename });
    const app = createApp({ store, adminToken: ADMIN_TOKEN, hasher: nodeHmacHasher });
    const keys = await createAndRotateKeys(app);
    const before = readdirSync(dir).map((f) => readFileSync(join(dir, f)).toString('latin1'));
    store.close(); // checkpoints the WAL into the main file
    const after = readdirSync(dir).map((f) => readFileSync(join(dir, f)).toString('latin1'));
    const bytes = [...before, ...after].join('\n');
    expect(bytes.length).toBeGreaterThan(0);
    for (const key of keys) for (const form of forms(key)) expect(bytes.includes(form)).toBe(false);
    // …but the hashes are there, so the lookup works from disk.
    const reopened = new SqliteStore({ filename });
    expect(reopened.snapshot().keys).toHaveLength(10);
    reopened.close();
  });

  it('the MemoryStore holds no key in any form', async () => {
    const store = new MemoryStore();
    const app = createApp({ store, adminToken: ADMIN_TOKEN });
    const keys = await createAndRotateKeys(app);
    const contents = JSON.stringify(store.snapshot());
    for (const key of keys) for (const form of forms(key)) expect(contents.includes(form)).toBe(false);
    for (const key of store.snapshot().keys) expect(key.key_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('keys in answers', () => {
  it('are shown in full only by create and rotate', async () => {
    const t = makeTestApp();
    const { api_key, key_info } = await t.createKey();
    const answers = await Promise.all([
      t.admin('/api/v1/keys'),
      t.admin(`/api/v1/keys/${key_info.key_id}`),
      t.validate(api_key),
      t.validate(api_key, { service_id: 'platform' }),
      t.request('/v1/models', { headers: { Authorization: `Bearer ${api_key}` } }),
      t.admin(`/api/v1/usage/${key_info.key_id}/stats`),
      t.admin(`/api/v1/usage/${key_info.key_id}/billing`),
      t.admin('/api/v1/usage/aggregate'),
    ]);
    for (const res of answers) {
      const text = await res.text();
      for (const form of forms(api_key)) expect(text.includes(form)).toBe(false);
      for (const [, value] of res.headers) expect(value.includes(api_key)).toBe(false);
    }
  });

  it('error answers never echo a key or the admin token', async () => {
    const t = makeTestApp();
    const secretLooking = 'hk_live_AbCdEfGhIjKlMnOpQrStUvWxYz123456';
    const answers = await Promise.all([
      t.validate(secretLooking),
      t.request('/api/v1/keys/validate', { method: 'POST', json: { api_key: secretLooking, client_ip: 'bad' } }),
      t.request('/api/v1/keys', { headers: { Authorization: `Bearer ${ADMIN_TOKEN}x` } }),
      t.admin('/api/v1/keys', { method: 'POST', json: { name: secretLooking.repeat(5), service_id: secretLooking } }),
      t.request(`/${secretLooking}`),
    ]);
    for (const res of answers) {
      const text = await res.text();
      expect(text.includes(secretLooking)).toBe(false);
      expect(text.includes(ADMIN_TOKEN)).toBe(false);
    }
  });
});
