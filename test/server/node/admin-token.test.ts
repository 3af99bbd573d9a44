// A stable dev admin token: kept beside the data file (mode 0600) and reused on the next start,
// overridden by --admin-token / HOKUSAI_ADMIN_TOKEN, replaced by --rotate-admin-token.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adminTokenFileFor, keptAdminToken } from '../../../src/server/admin-token-file';
import { startServerProcess, type StartedProcess as ServerProcess } from '../../support/processes';

const dir = mkdtempSync(join(tmpdir(), 'hokusai-admin-token-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const mode = (file: string) => statSync(file).mode & 0o777;
const listStatus = async (url: string, token: string) => (await fetch(`${url}/api/v1/keys`, { headers: { Authorization: `Bearer ${token}` } })).status;

async function stop(server: ServerProcess): Promise<void> {
  server.child.kill('SIGTERM');
  await server.exited;
}

describe('keptAdminToken', () => {
  it('makes a token in the data folder, readable by the owner only, and returns the same one next time', () => {
    const dataFile = join(dir, 'unit', 'store.sqlite');
    const first = keptAdminToken(dataFile);
    expect(first).toEqual({ token: expect.stringMatching(/^[0-9a-f]{64}$/), file: join(dir, 'unit', 'admin-token'), created: true });
    expect(mode(first.file)).toBe(0o600);
    expect(keptAdminToken(dataFile)).toEqual({ ...first, created: false });
  });

  it('rotates on request, and narrows a widened file back to 0600', () => {
    const dataFile = join(dir, 'rotate', 'store.sqlite');
    const first = keptAdminToken(dataFile);
    chmodSync(first.file, 0o644);
    expect(keptAdminToken(dataFile).token).toBe(first.token);
    expect(mode(first.file)).toBe(0o600);
    const rotated = keptAdminToken(dataFile, { rotate: true });
    expect(rotated.token).not.toBe(first.token);
    expect(readFileSync(first.file, 'utf8').trim()).toBe(rotated.token);
  });

  it('refuses a file without a usable token, saying how to fix it', () => {
    const dataFile = join(dir, 'broken', 'store.sqlite');
    keptAdminToken(dataFile);
    writeFileSync(adminTokenFileFor(dataFile), 'two words\n');
    expect(() => keptAdminToken(dataFile)).toThrow(/does not hold a token .* --rotate-admin-token/);
  });
});

describe('npm start keeps its admin token', () => {
  it('reuses the token across restarts, lets the environment override it and rotates it on request', async () => {
    const dataFile = join(dir, 'process', 'hokusai-auth.sqlite');
    const tokenFile = join(dir, 'process', 'admin-token');

    const first = await startServerProcess(['--port', '0', '--data', dataFile]);
    const token = readFileSync(tokenFile, 'utf8').trim();
    expect(mode(tokenFile)).toBe(0o600);
    expect(await listStatus(first.url, token)).toBe(200);
    await stop(first);
    expect(first.output()).toContain(token);

    // A restart: the exported token still works, and is not printed again.
    const second = await startServerProcess(['--port', '0', '--data', dataFile]);
    expect(await listStatus(second.url, token)).toBe(200);
    await stop(second);
    expect(second.output()).not.toContain(token);
    expect(second.output()).toContain(`Admin token: the one kept in ${tokenFile}`);

    // HOKUSAI_ADMIN_TOKEN wins over the kept one, and leaves it alone.
    const withEnv = await startServerProcess(['--port', '0', '--data', dataFile], { HOKUSAI_ADMIN_TOKEN: 'env-admin-token-0123456789' });
    expect(await listStatus(withEnv.url, 'env-admin-token-0123456789')).toBe(200);
    expect(await listStatus(withEnv.url, token)).toBe(401);
    await stop(withEnv);
    expect(readFileSync(tokenFile, 'utf8').trim()).toBe(token);

    const rotated = await startServerProcess(['--port', '0', '--data', dataFile, '--rotate-admin-token']);
    const newToken = readFileSync(tokenFile, 'utf8').trim();
    expect(newToken).not.toBe(token);
    expect(await listStatus(rotated.url, token)).toBe(401);
    expect(await listStatus(rotated.url, newToken)).toBe(200);
    await stop(rotated);
  }, 120_000);

  it('in memory, makes a fresh token every start and writes no file', async () => {
    const tokens: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const server = await startServerProcess(['--port', '0', '--memory']);
      tokens.push(/shown only now\): ([0-9a-f]{64})/.exec(server.output())![1]!);
      await stop(server);
    }
    expect(tokens[0]).not.toBe(tokens[1]);
    expect(existsSync(join(process.cwd(), 'admin-token'))).toBe(false);
  }, 60_000);
});
