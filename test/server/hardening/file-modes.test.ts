// The data folder and files are private to their owner whatever the umask (they hold the
// secret keys are hashed with).
import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer } from '../../../src/server/node';
import { LONG_ADMIN_TOKEN, tempDir } from './support';

const temp = tempDir('modes');
const modeOf = (path: string) => statSync(path).mode & 0o777;
let savedUmask: number;
beforeEach(() => {
  savedUmask = process.umask(0o000);
});
afterEach(() => {
  process.umask(savedUmask);
});

describe('file modes of the data file', () => {
  it('creates the folder 0700 and the database, WAL, shared-memory and lock files 0600 under umask 000', async () => {
    const folder = join(temp.dir, 'fresh', 'nested');
    const dataFile = join(folder, 'hokusai-auth.sqlite');
    const server = await startServer({ port: 0, dataFile, adminToken: LONG_ADMIN_TOKEN, quiet: true });
    try {
      await fetch(`${server.url}/api/v1/keys`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${LONG_ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'k', service_id: 'prediction' }),
      });
      expect(modeOf(folder)).toBe(0o700);
      expect(modeOf(join(temp.dir, 'fresh'))).toBe(0o700);
      for (const file of [dataFile, `${dataFile}-wal`, `${dataFile}-shm`, `${dataFile}.lock`]) {
        expect(existsSync(file)).toBe(true);
        expect({ file, mode: modeOf(file).toString(8) }).toEqual({ file, mode: '600' });
      }
      expect(server.warnings).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('makes an existing data folder of its own 0700 and its files 0600', async () => {
    const folder = join(temp.dir, '.hokusai-auth');
    mkdirSync(folder);
    chmodSync(folder, 0o755);
    const dataFile = join(folder, 'hokusai-auth.sqlite');
    writeFileSync(dataFile, '');
    chmodSync(dataFile, 0o644);
    const server = await startServer({ port: 0, dataFile, adminToken: LONG_ADMIN_TOKEN, quiet: true });
    try {
      expect(modeOf(folder)).toBe(0o700);
      expect(modeOf(dataFile)).toBe(0o600);
      expect(server.warnings).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('fixes files other users could read and warns about a shared folder it did not create', async () => {
    const folder = join(temp.dir, 'project');
    mkdirSync(folder);
    chmodSync(folder, 0o755);
    writeFileSync(join(folder, 'package.json'), '{}');
    const dataFile = join(folder, 'data.sqlite');
    writeFileSync(dataFile, '');
    chmodSync(dataFile, 0o644);
    const server = await startServer({ port: 0, dataFile, adminToken: LONG_ADMIN_TOKEN, quiet: true });
    try {
      expect(modeOf(dataFile)).toBe(0o600);
      expect(modeOf(folder)).toBe(0o755);
      expect(server.warnings).toHaveLength(1);
      expect(server.warnings[0]).toContain(folder);
      expect(server.warnings[0]).toContain('0755');
    } finally {
      await server.close();
    }
  });
});
