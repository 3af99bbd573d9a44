// The test controls over HTTP: a server started with test controls serves /__hokusai/*, behind
// the admin token; without them those routes do not exist.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HokusaiAuth } from '../../src/client';
import { ManualClock } from '../../src/server';
import { startServer, type RunningServer } from '../../src/server/node';
import { controlScenarios, SEEDED_KEY, type ControlledStub } from './scenarios';

const ADMIN = 'http-controls-admin-token';
let server: RunningServer;
let plain: RunningServer;
let stub: ControlledStub;

/** One control call: admin token, JSON body; a non-2xx answer fails the test with its body. */
async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}/__hokusai${path}`, {
    method,
    headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

beforeAll(async () => {
  server = await startServer({ port: 0, adminToken: ADMIN, testControls: true, clock: new ManualClock('2025-01-15T10:30:00Z'), quiet: true });
  plain = await startServer({ port: 0, adminToken: ADMIN, memory: true, quiet: true, testKit: true });
  stub = {
    baseUrl: server.url,
    adminToken: ADMIN,
    controls: {
      seedKey: (input) => control('POST', '/keys', input),
      // The same body as the in-process call: one spelling for both.
      failNext: async (rule) => void (await control('POST', '/failures', rule)),
      pendingFailures: async () => (await control<{ failures: never }>('GET', '/failures')).failures,
      advanceClock: async (ms) => void (await control('POST', '/clock/advance', { ms })),
      reset: async () => void (await control('POST', '/reset')),
    },
  };
});
afterAll(async () => {
  await Promise.all([server?.close(), plain?.close()]);
});

describe('test controls over HTTP (/__hokusai/*)', () => {
  controlScenarios(() => stub);

  it('requires the admin token on every control route', async () => {
    for (const [method, path] of [
      ['GET', '/clock'],
      ['POST', '/clock/advance'],
      ['POST', '/keys'],
      ['GET', '/failures'],
      ['POST', '/reset'],
    ] as const) {
      const none = await fetch(`${server.url}/__hokusai${path}`, { method });
      expect(none.status).toBe(401);
      expect(await none.json()).toEqual({ detail: 'Not authenticated' });
      const wrong = await fetch(`${server.url}/__hokusai${path}`, { method, headers: { Authorization: 'Bearer wrong' } });
      expect(wrong.status).toBe(401);
    }
  });

  it('does not exist on a server started without test controls: 404 like any unknown route', async () => {
    for (const path of ['/clock', '/keys', '/failures', '/reset']) {
      const response = await fetch(`${plain.url}/__hokusai${path}`, { method: 'POST', headers: { Authorization: `Bearer ${ADMIN}` } });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ detail: 'Not found' });
    }
    // The programmatic handle is there when the kit was asked for, for code that started the server itself.
    plain.app.controls!.failNext({ path: '/health', status: 502 });
    expect((await fetch(`${plain.url}/health`)).status).toBe(502);
  });

  it('shows and sets the clock', async () => {
    expect(await control('POST', '/clock/set', { to: '2031-02-03T04:05:06Z' })).toEqual({ now: '2031-02-03T04:05:06.000Z', epoch_ms: Date.parse('2031-02-03T04:05:06Z') });
    expect(await control('POST', '/clock/advance', { ms: 1000 })).toMatchObject({ now: '2031-02-03T04:05:07.000Z' });
    expect(await control('GET', '/clock')).toMatchObject({ now: '2031-02-03T04:05:07.000Z' });
    expect(await control('POST', '/clock/reset')).toMatchObject({ now: '2025-01-15T10:30:00.000Z' });
  });

  it('answers bad control input with 400 naming the field, and a taken key value with 409', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}/__hokusai${path}`, { method: 'POST', headers: { Authorization: `Bearer ${ADMIN}` }, body: JSON.stringify(body) });
    const cases: [string, unknown, string][] = [
      ['/clock/advance', { ms: 'soon' }, 'ms'],
      ['/clock/set', { to: '2025-02-30T00:00:00Z' }, 'to'],
      ['/failures', { path: '/x', retry_after: -1 }, 'retry_after'],
      ['/failures', { path: '/x', status: 700 }, 'status'],
      ['/failures', { status: 500 }, 'path'],
      ['/keys', { name: 'x', service_id: 'prediction', api_key: 'nope' }, 'api_key'],
      ['/keys', { name: 'x', service_id: 'prediction', colour: 'red' }, 'colour'],
    ];
    for (const [path, body, field] of cases) {
      const response = await post(path, body);
      expect(response.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect((await response.json()).errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await post('/keys', 'not json')).status).toBe(400);

    await control('POST', '/keys', { api_key: SEEDED_KEY, name: 'x', service_id: 'prediction' });
    const taken = await post('/keys', { api_key: SEEDED_KEY, name: 'again', service_id: 'prediction' });
    expect(taken.status).toBe(409);
    expect(JSON.stringify(await taken.json())).not.toContain(SEEDED_KEY);
  });

  it('lists and clears pending failures', async () => {
    await control('POST', '/failures', { method: 'post', path: '/api/v1/keys', times: 3, status: 500 });
    expect(await control('GET', '/failures')).toEqual({
      failures: [{ id: expect.any(Number), method: 'POST', path: '/api/v1/keys', remaining: 3, status: 500, retry_after: null, drop: false }],
    });
    expect(await control('DELETE', '/failures')).toEqual({ message: 'Pending failures cleared' });
    expect(await control('GET', '/failures')).toEqual({ failures: [] });
  });

  it('cuts the TCP connection for a dropped-connection rule, and the server keeps serving', async () => {
    await control('POST', '/failures', { path: '/health', drop: true });
    const error = await fetch(`${server.url}/health`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(await new HokusaiAuth({ baseUrl: server.url, maxRetries: 0 }).health()).toEqual({ status: 'healthy' });
  });
});

describe('reset on a server that keeps its data in SQLite', () => {
  it('empties the file-backed store, and the server goes on working', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hokusai-reset-'));
    const sqlite = await startServer({ port: 0, adminToken: ADMIN, dataFile: join(dir, 'auth.sqlite'), testControls: true, quiet: true });
    try {
      const auth = new HokusaiAuth({ baseUrl: sqlite.url, adminToken: ADMIN, maxRetries: 0 });
      const { api_key } = await auth.keys.create({ name: 'before reset', service_id: 'prediction' });
      const reset = await fetch(`${sqlite.url}/__hokusai/reset`, { method: 'POST', headers: { Authorization: `Bearer ${ADMIN}` } });
      expect(reset.status).toBe(200);
      expect(await auth.keys.list()).toEqual([]);
      expect((await auth.validate(api_key)).is_valid).toBe(false);
      const { api_key: fresh } = await auth.keys.create({ name: 'after reset', service_id: 'prediction' });
      expect((await auth.validate(fresh)).is_valid).toBe(true);
    } finally {
      await sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
