// `npm start` as a process: start-up output, signals, and a SIGKILL in the middle of writes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATA_FILE, parseMainArgs } from '../../../src/server/cli-args';
import { startServerProcess } from '../../support/processes';

const ADMIN = 'process-admin-token';
const dir = mkdtempSync(join(tmpdir(), 'hokusai-process-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const adminHeaders = { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' };

describe('npm start', () => {
  it('prints the URL, a generated admin token once and the quickstart curl line; SIGTERM stops it cleanly', async () => {
    const dataFile = join(dir, 'banner.sqlite');
    const server = await startServerProcess(['--port', '0', '--data', dataFile]);
    await new Promise((resolve) => setTimeout(resolve, 200)); // the rest of the banner
    const output = server.output();
    const token = /Admin token \(generated, kept in .*admin-token for the next starts\): ([0-9a-f]{64})/.exec(output)?.[1];
    expect(token).toBeDefined();
    expect(output).toContain(`curl -X POST ${server.url}/api/v1/keys \\`);
    // The curl line is ready to run: the token it just made, not a placeholder.
    expect(output).toContain(`-H "Authorization: Bearer ${token}" \\`);
    expect(output).toContain('"service_id": "prediction",');

    const created = await fetch(`${server.url}/api/v1/keys`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'My First Key', service_id: 'prediction', scopes: ['predict'], environment: 'test' }),
    });
    expect(created.status).toBe(201);
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain('SIGTERM received');
  });

  it('takes the admin token from HOKUSAI_ADMIN_TOKEN and does not print it; SIGINT stops it', async () => {
    const server = await startServerProcess(['--port', '0', '--memory'], { HOKUSAI_ADMIN_TOKEN: ADMIN });
    expect((await fetch(`${server.url}/api/v1/keys`, { headers: adminHeaders })).status).toBe(200);
    expect(server.output()).not.toContain(ADMIN);
    server.child.kill('SIGINT');
    expect((await server.exited).code).toBe(0);
  });

  it('keeps every answered key and usage record when killed mid-stream', async () => {
    const dataFile = join(dir, 'kill', 'hokusai-auth.sqlite');
    const args = ['--port', '0', '--data', dataFile, '--admin-token', ADMIN, '--quiet'];
    const first = await startServerProcess(args);
    const meter = await (await fetch(`${first.url}/api/v1/keys`, { method: 'POST', headers: adminHeaders, body: JSON.stringify({ name: 'meter', service_id: 'prediction' }) })).json();

    const answeredKeys: string[] = [];
    let answeredUsage = 0;
    let sentUsage = 0;
    let stop = false;
    const worker = async (kind: 'key' | 'usage') => {
      while (!stop) {
        try {
          if (kind === 'key') {
            const res = await fetch(`${first.url}/api/v1/keys`, { method: 'POST', headers: adminHeaders, body: JSON.stringify({ name: 'stream', service_id: 'prediction' }) });
            if (res.status === 201) answeredKeys.push((await res.json()).api_key);
          } else {
            sentUsage += 1;
            const res = await fetch(`${first.url}/api/v1/usage/${meter.key_info.key_id}`, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ service_id: 'prediction', endpoint: '/v1/predict', status_code: 200, response_time_ms: 1 }),
            });
            if (res.status === 200) answeredUsage += 1;
          }
        } catch {
          return; // the server is gone
        }
      }
    };
    const workers = [worker('key'), worker('key'), worker('usage'), worker('usage')];
    while (answeredKeys.length + answeredUsage < 150) await new Promise((resolve) => setTimeout(resolve, 10));
    first.child.kill('SIGKILL');
    await first.exited;
    stop = true;
    await Promise.all(workers);
    expect(answeredKeys.length).toBeGreaterThan(0);
    expect(answeredUsage).toBeGreaterThan(0);

    const second = await startServerProcess(args);
    try {
      for (const apiKey of answeredKeys) {
        const res = await fetch(`${second.url}/api/v1/keys/validate`, { method: 'POST', headers: { 'X-API-Key': apiKey } });
        expect(res.status).toBe(200);
      }
      const stats = await (await fetch(`${second.url}/api/v1/usage/${meter.key_info.key_id}/stats`, { headers: adminHeaders })).json();
      expect(stats.total_requests).toBeGreaterThanOrEqual(answeredUsage);
      expect(stats.total_requests).toBeLessThanOrEqual(sentUsage);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });
});

describe('command-line settings', () => {
  it('default to 127.0.0.1:8787 and the .hokusai-auth SQLite file', () => {
    expect(parseMainArgs([], {})).toEqual({ port: 8787, host: '127.0.0.1', dataFile: DEFAULT_DATA_FILE, adminToken: undefined, quiet: false, logFormat: 'text', corsOrigins: [], help: false });
    expect(DEFAULT_DATA_FILE).toBe('.hokusai-auth/hokusai-auth.sqlite');
  });

  it('take --port, --host, --data, --memory, --admin-token and the PORT / HOKUSAI_ADMIN_TOKEN variables', () => {
    expect(parseMainArgs(['--port', '9000', '--host', '0.0.0.0', '--data', 'x.sqlite', '--admin-token', 'token-of-16-chars'], {})).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      dataFile: 'x.sqlite',
      adminToken: 'token-of-16-chars',
    });
    expect(parseMainArgs(['--memory'], { PORT: '1234', HOKUSAI_ADMIN_TOKEN: 'env-token-0123456789' })).toMatchObject({ port: 1234, dataFile: undefined, adminToken: 'env-token-0123456789' });
    expect(parseMainArgs(['--port', '5'], { PORT: '1234' }).port).toBe(5);
  });

  it('reject bad values with a message naming the option', () => {
    expect(() => parseMainArgs(['--port', 'abc'], {})).toThrow(/--port/);
    expect(() => parseMainArgs(['--port', '70000'], {})).toThrow(/--port/);
    expect(() => parseMainArgs(['--memory', '--data', 'x'], {})).toThrow(/--data or --memory/);
    expect(() => parseMainArgs(['--admin-token', 'has space'], {})).toThrow(/admin token/);
    expect(() => parseMainArgs(['--colour'], {})).toThrow(/colour/);
    expect(() => parseMainArgs(['--log-format', 'xml'], {})).toThrow(/--log-format must be text or json/);
    expect(() => parseMainArgs(['--rotate-admin-token', '--memory'], {})).toThrow(/--rotate-admin-token/);
    expect(() => parseMainArgs(['--rotate-admin-token'], { HOKUSAI_ADMIN_TOKEN: 'env-token' })).toThrow(/--rotate-admin-token/);
  });

  it('one admin token is in force: --admin-token, else --quickstart\'s, else HOKUSAI_ADMIN_TOKEN', () => {
    const env = { HOKUSAI_ADMIN_TOKEN: 'env-token-of-16-chars' };
    expect(parseMainArgs(['--quickstart'], env)).toMatchObject({ adminToken: 'YOUR_ADMIN_TOKEN', adminTokenSource: 'quickstart', envTokenIgnored: true });
    expect(parseMainArgs(['--quickstart', '--admin-token', 'flag-token-of-16-chars'], env)).toMatchObject({ adminToken: 'flag-token-of-16-chars', adminTokenSource: 'flag' });
    expect(parseMainArgs([], env)).toMatchObject({ adminToken: 'env-token-of-16-chars', adminTokenSource: 'env' });
    expect(parseMainArgs([], {})).toMatchObject({ adminToken: undefined });
  });
});
