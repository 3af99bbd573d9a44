// One server per data file, and rotations/revocations that only one caller can win.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SqliteStore, startServer } from '../../../src/server/node';
import { newKey } from '../store/store-contract';
import { startServerProcess } from '../../support/processes';
import { LONG_ADMIN_TOKEN, runServerUntilExit, tempDir } from './support';

const temp = tempDir('owner');

/** The pid of a process that has exited (so a lock naming it is stale). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('one owner per data file', () => {
  it('a second server on the same file refuses to start with one line naming the file and the owner pid', async () => {
    const dataFile = temp.file('shared.sqlite');
    const first = await startServerProcess(['--port', '0', '--data', dataFile, '--quiet'], { HOKUSAI_ADMIN_TOKEN: LONG_ADMIN_TOKEN });
    try {
      const second = await runServerUntilExit(['--port', '0', '--data', dataFile, '--quiet']);
      expect(second.code).toBe(1);
      const lines = second.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(dataFile);
      expect(lines[0]).toContain(`pid ${first.child.pid}`);
      // The first one still serves.
      expect((await fetch(`${first.url}/health`)).status).toBe(200);
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
    // A clean stop releases the file: it can be opened again.
    expect(existsSync(`${dataFile}.lock`)).toBe(false);
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    const dataFile = temp.file('stale.sqlite');
    writeFileSync(`${dataFile}.lock`, `${await deadPid()}\n`);
    const server = await startServer({ port: 0, dataFile, adminToken: LONG_ADMIN_TOKEN, quiet: true });
    expect(readFileSync(`${dataFile}.lock`, 'utf8').trim()).toBe(String(process.pid));
    await server.close();
  });

  it('refuses a second server in the same process too, and frees the file on close', async () => {
    const dataFile = temp.file('same-process.sqlite');
    const server = await startServer({ port: 0, dataFile, adminToken: LONG_ADMIN_TOKEN, quiet: true });
    await expect(startServer({ port: 0, dataFile, adminToken: LONG_ADMIN_TOKEN, quiet: true })).rejects.toThrow(`pid ${process.pid}`);
    await server.close();
    const again = await startServer({ port: 0, dataFile, adminToken: LONG_ADMIN_TOKEN, quiet: true });
    await again.close();
  });
});

describe('rotation and revocation are conditional on the key being active', () => {
  it('of two connections rotating one key, only the first replaces it', () => {
    const filename = temp.file('rotate.sqlite');
    const a = new SqliteStore({ filename });
    const b = new SqliteStore({ filename });
    const key = a.insertKey(newKey());
    const winner = a.replaceKey(key.key_id, newKey());
    const loser = newKey();
    expect(winner).toBeDefined();
    // `b` read the key as active before `a` rotated it; its rotation must not also succeed.
    expect(b.replaceKey(key.key_id, loser)).toBeUndefined();
    expect(a.findKeyById(loser.key_id)).toBeUndefined();
    expect(a.listKeys().filter((k) => k.is_active)).toHaveLength(1);
    a.close();
    b.close();
  });

  it('a revocation changes a key once; a rotation after it is refused', () => {
    const filename = temp.file('revoke.sqlite');
    const a = new SqliteStore({ filename });
    const b = new SqliteStore({ filename });
    const key = a.insertKey(newKey());
    expect(a.setKeyActive(key.key_id, false)).toBe(true);
    expect(b.setKeyActive(key.key_id, false)).toBe(false);
    expect(b.replaceKey(key.key_id, newKey())).toBeUndefined();
    a.close();
    b.close();
  });

  it('concurrent rotations of one key through the API: one 201, the others 400, one active key', async () => {
    const server = await startServer({ port: 0, dataFile: temp.file('api-rotate.sqlite'), adminToken: LONG_ADMIN_TOKEN, quiet: true });
    const headers = { Authorization: `Bearer ${LONG_ADMIN_TOKEN}`, 'Content-Type': 'application/json' };
    try {
      for (let trial = 0; trial < 20; trial++) {
        const created = await fetch(`${server.url}/api/v1/keys`, { method: 'POST', headers, body: JSON.stringify({ name: 'race', service_id: 'prediction' }) });
        const { key_info } = (await created.json()) as { key_info: { key_id: string } };
        const answers = await Promise.all(
          [1, 2, 3].map(() => fetch(`${server.url}/api/v1/keys/${key_info.key_id}/rotate`, { method: 'POST', headers })),
        );
        expect(answers.map((r) => r.status).sort()).toEqual([201, 400, 400]);
      }
    } finally {
      await server.close();
    }
  });
});
