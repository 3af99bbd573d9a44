import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src/server';
import { SqliteStore } from '../../../src/server/node';
import { describeStoreContract, newKey, usage } from './store-contract';

const dir = mkdtempSync(join(tmpdir(), 'hokusai-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const freshFile = () => join(dir, `nested-${++files}`, 'store.sqlite');

describeStoreContract('MemoryStore', () => new MemoryStore());
describeStoreContract('SqliteStore', () => new SqliteStore({ filename: freshFile() }));
describeStoreContract('SqliteStore in memory', () => new SqliteStore({ filename: ':memory:' }));

describe('SqliteStore read cache', () => {
  it('sees what another connection to the same file commits, at its next lookup', () => {
    const filename = freshFile();
    const server = new SqliteStore({ filename });
    const other = new SqliteStore({ filename });
    const key = server.insertKey(newKey());
    expect(server.findKeyByHash(key.key_hash)?.is_active).toBe(true); // now cached

    other.setKeyActive(key.key_id, false);
    expect(server.findKeyByHash(key.key_hash)?.is_active).toBe(false);
    other.touchKey(key.key_id, 1_736_937_000_000);
    expect(server.findKeyByHash(key.key_hash)?.last_used_at).toBe(1_736_937_000_000);
    const added = other.insertKey(newKey());
    expect(server.findKeyByHash(added.key_hash)?.key_id).toBe(added.key_id);
    server.close();
    other.close();
  });

  it('hands out copies: changing a returned key changes nothing stored', () => {
    const store = new SqliteStore({ filename: freshFile() });
    const key = store.insertKey(newKey({ scopes: ['predict'] }));
    const found = store.findKeyByHash(key.key_hash)!;
    found.scopes.push('admin');
    found.is_active = false;
    expect(store.findKeyByHash(key.key_hash)).toMatchObject({ scopes: ['predict'], is_active: true });
    store.close();
  });
});

describe('SqliteStore persistence', () => {
  it('keeps keys, usage and its hashing secret across a reopen', () => {
    const filename = freshFile();
    const first = new SqliteStore({ filename });
    const key = first.insertKey(newKey({ allowed_ips: ['10.0.0.0/8'] }));
    first.insertUsage(usage(key.key_id, 42));
    const secret = first.hmacSecret();
    first.close();

    const second = new SqliteStore({ filename });
    expect(second.hmacSecret()).toBe(secret);
    expect(second.findKeyByHash(key.key_hash)).toEqual(key);
    expect(second.usageForKey(key.key_id, 0, 100)).toHaveLength(1);
    second.close();
  });

  it('uses the WAL journal', () => {
    const store = new SqliteStore({ filename: freshFile() });
    // A WAL database leaves a -wal file next to it while open.
    store.insertKey(newKey());
    expect(existsSync(`${store.filename}-wal`)).toBe(true);
    store.close();
  });

  it('gives each new database its own secret', () => {
    const a = new SqliteStore({ filename: freshFile() });
    const b = new SqliteStore({ filename: freshFile() });
    expect(a.hmacSecret()).not.toBe(b.hmacSecret());
    a.close();
    b.close();
  });
});

describe('MemoryStore', () => {
  it('accepts a fixed secret for reproducible hashes', () => {
    expect(new MemoryStore({ hmacSecret: 'ab'.repeat(32) }).hmacSecret()).toBe('ab'.repeat(32));
  });
});
