// The Store contract on every SQLite backend this runtime has (better-sqlite3 on Node 20;
// node:sqlite on Node ≥ 22.13 and Deno; bun:sqlite on Bun). `npm run test:runtimes` runs this
// file on each of those runtimes too, so every backend is held to the same contract; its
// test/runtimes/sqlite.matrix.ts hands one data file from backend to backend.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore, type SqliteDriverName } from '../../../src/server/node';
import { defaultSqliteDriver } from '../../../src/server/store/sqlite-driver';
import { describeStoreContract } from './store-contract';

const BACKENDS: SqliteDriverName[] = ['better-sqlite3', 'node:sqlite', 'bun:sqlite'];

const dir = mkdtempSync(join(tmpdir(), 'hokusai-backends-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const freshFile = () => join(dir, `store-${++files}.sqlite`);

/** A backend "exists here" when it opens a database (better-sqlite3 may be built for another Node). */
function opens(driver: SqliteDriverName): boolean {
  try {
    new SqliteStore({ filename: ':memory:', driver }).close();
    return true;
  } catch {
    return false;
  }
}

const available = BACKENDS.filter(opens);

describe('SQLite backends', () => {
  it('the backend picked by default is one that works here', () => {
    expect(available).toContain(defaultSqliteDriver());
    expect(new SqliteStore({ filename: ':memory:' }).driver).toBe(defaultSqliteDriver());
  });

  it('an unknown backend is refused by name', () => {
    expect(() => new SqliteStore({ filename: ':memory:', driver: 'sqlite4' as SqliteDriverName })).toThrow(/Unknown SQLite driver "sqlite4"/);
  });
});

for (const driver of available) {
  describeStoreContract(`SqliteStore on ${driver}`, () => new SqliteStore({ filename: freshFile(), driver }));
}
