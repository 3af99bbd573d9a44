// `npm start -- --test-controls`: the flag turns the /__hokusai/* routes on, on the real clock
// plus an offset, with a fresh in-memory store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HokusaiAuth } from '../../src/client';
import { DEFAULT_DATA_FILE, parseMainArgs } from '../../src/server/cli-args';
import { startServerProcess, type StartedProcess as ServerProcess } from '../support/processes';

const ADMIN = 'flag-admin-token-0123456789';
let proc: ServerProcess;

beforeAll(async () => {
  proc = await startServerProcess(['--test-controls', '--port', '0', '--admin-token', ADMIN]);
});
afterAll(async () => {
  proc?.child.kill('SIGTERM');
  await proc?.exited;
});

describe('npm start -- --test-controls', () => {
  it('parses the flag; it keeps everything in memory unless --data is given', () => {
    expect(parseMainArgs(['--test-controls'], {})).toMatchObject({ testControls: true, dataFile: undefined });
    expect(parseMainArgs(['--test-controls', '--data', 'x.sqlite'], {})).toMatchObject({ testControls: true, dataFile: 'x.sqlite' });
    expect(parseMainArgs([], {}).testControls).toBeUndefined();
    expect(parseMainArgs([], {}).dataFile).toBe(DEFAULT_DATA_FILE);
  });

  it('says the controls are on, and where', () => {
    expect(proc.output()).toContain(`Test controls: on, under ${proc.url}/__hokusai/ (admin token required)`);
    expect(proc.output()).toContain('Store: memory');
  });

  it('serves the controls: a seeded key expires when the clock is moved past its expiry', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${proc.url}/__hokusai${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const seeded = await post('/keys', { name: 'cli', service_id: 'prediction', environment: 'development', expires_in_days: 1 });
    expect(seeded.status).toBe(201);
    const { api_key } = (await seeded.json()) as { api_key: string };
    expect(api_key).toMatch(/^hk_dev_/);

    const auth = new HokusaiAuth({ baseUrl: proc.url, adminToken: ADMIN, maxRetries: 0 });
    expect(await auth.validate(api_key)).toMatchObject({ is_valid: true });
    expect((await post('/clock/advance', { ms: 2 * 86_400_000 })).status).toBe(200);
    expect(await auth.validate(api_key)).toMatchObject({ is_valid: false, error_code: 'expired' });

    expect((await fetch(`${proc.url}/__hokusai/reset`, { method: 'POST' })).status).toBe(401);
  });
});
