// The balance part of the Store contract, on MemoryStore and SqliteStore alike: accounts,
// atomic debits with replay, and what reset and a reopen keep.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src/server';
import type { DebitRequest, Store } from '../../../src/server';
import { SqliteStore } from '../../../src/server/node';
import { newKey, usage } from '../store/store-contract';

const dir = mkdtempSync(join(tmpdir(), 'hokusai-balances-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const sqliteFile = () => join(dir, `store-${++files}.sqlite`);

const request = (store: Store, idempotency_key: string, amount_micros: number): DebitRequest => {
  const key = store.findKeyById('00000000-0000-4000-8000-00000000beef') ?? store.insertKey(newKey({ key_id: '00000000-0000-4000-8000-00000000beef', key_hash: 'beef' }));
  return { owner: 'acme', key_id: key.key_id, idempotency_key, amount_micros, usage: usage(key.key_id, 1000), recorded_at: 1000 };
};

describe.each([
  ['MemoryStore', () => new MemoryStore() as Store],
  ['SqliteStore', () => new SqliteStore({ filename: sqliteFile() }) as Store],
])('%s balances', (_name, makeStore) => {
  it('opens an account once, then keeps it as set', () => {
    const store = makeStore();
    expect(store.getBalance('acme')).toBeUndefined();
    expect(store.openBalance('acme', { settled_micros: 1_000_000, pending_micros: 0 })).toEqual({ settled_micros: 1_000_000, pending_micros: 0 });
    expect(store.openBalance('acme', { settled_micros: 5, pending_micros: 5 })).toEqual({ settled_micros: 1_000_000, pending_micros: 0 });
    store.setBalance('acme', { settled_micros: 3, pending_micros: 4 });
    expect(store.getBalance('acme')).toEqual({ settled_micros: 3, pending_micros: 4 });
    store.close();
  });

  it('debits only what settled credit covers, records the usage with it, and replays a known idempotency key', () => {
    const store = makeStore();
    store.setBalance('acme', { settled_micros: 2500, pending_micros: 9000 });
    const first = store.debit(request(store, 'a', 1000));
    expect(first).toEqual({ kind: 'debited', entry: expect.objectContaining({ debited_micros: 1000, balance_micros: 1500, idempotency_key: 'a' }) });
    expect(store.debit(request(store, 'a', 1000))).toEqual({ kind: 'replayed', entry: (first as { entry: unknown }).entry });
    expect(store.debit(request(store, 'b', 2000))).toEqual({ kind: 'insufficient', balance: { settled_micros: 1500, pending_micros: 9000 } });
    expect(store.snapshot().usage).toHaveLength(1);
    expect(store.getBalance('acme')).toEqual({ settled_micros: 1500, pending_micros: 9000 });
    store.close();
  });

  it('refuses a debit for an owner without an account, and clear() empties balances and remembered debits', () => {
    const store = makeStore();
    expect(store.debit(request(store, 'x', 1))).toEqual({ kind: 'insufficient', balance: { settled_micros: 0, pending_micros: 0 } });
    store.setBalance('acme', { settled_micros: 10, pending_micros: 0 });
    expect(store.debit(request(store, 'y', 1)).kind).toBe('debited');
    store.clear();
    expect(store.getBalance('acme')).toBeUndefined();
    store.setBalance('acme', { settled_micros: 10, pending_micros: 0 });
    expect(store.debit(request(store, 'y', 1)).kind).toBe('debited');
    store.close();
  });
});

describe('SqliteStore balances across a reopen', () => {
  it('keeps accounts and remembered debits in the file', () => {
    const filename = sqliteFile();
    const before = new SqliteStore({ filename });
    before.setBalance('acme', { settled_micros: 5000, pending_micros: 1 });
    const first = before.debit(request(before, 'k', 1000));
    before.close();
    const after = new SqliteStore({ filename });
    expect(after.getBalance('acme')).toEqual({ settled_micros: 4000, pending_micros: 1 });
    expect(after.debit(request(after, 'k', 1000))).toEqual({ kind: 'replayed', entry: (first as { entry: unknown }).entry });
    after.close();
  });
});
