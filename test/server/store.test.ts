import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/server';
import { SqliteStore } from '../../src/server/node';
import { describeStoreContract, newKey, usage } from './store-contract';

const dir = mkdtempSync(join(tmpdir(), 'hokusai-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const freshFile = () => join(dir, `nested-${++files}`, 'store.sqlite');

describeStoreContract('MemoryStore', () => new MemoryStore());
describeStoreContract('SqliteStore', () => new SqliteStore({ filename: freshFile() }));
describeStoreContract('SqliteStore in memory', () => new SqliteStore({ filename: ':memory:' }));

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
