// The stub server over TCP (@hono/node-server): connection address, concurrency, persistence,
// readiness and graceful shutdown.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../../src/server/node';
import type { RunningServer } from '../../../src/server/node';
import { withContractCheck } from '../../support/contract';

const ADMIN = 'tcp-admin-token';
const dir = mkdtempSync(join(tmpdir(), 'hokusai-tcp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const checkedFetch = withContractCheck((input, init) => fetch(input, init));

async function createKey(server: RunningServer, fields: Record<string, unknown> = {}) {
  const res = await checkedFetch(`${server.url}/api/v1/keys`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'tcp', service_id: 'prediction', ...fields }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { api_key: string; key_info: { key_id: string } };
}

const validate = (server: RunningServer, apiKey: string, body: unknown = {}) =>
  checkedFetch(`${server.url}/api/v1/keys/validate`, {
    method: 'POST',
    headers: { 'X-API-Key': apiKey, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('startServer', () => {
  it('listens on loopback, answers and stops', async () => {
    const server = await startServer({ port: 0, adminToken: ADMIN, quiet: true });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.adminToken).toBe(ADMIN);
    const res = await checkedFetch(`${server.url}/health`);
    expect(await res.json()).toEqual({ status: 'healthy' });
    await server.close();
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });

  it('uses the connection address for IP allowlists', async () => {
    const server = await startServer({ port: 0, adminToken: ADMIN, quiet: true });
    try {
      const local = await createKey(server, { allowed_ips: ['127.0.0.0/8', '::1'] });
      const remote = await createKey(server, { allowed_ips: ['10.0.0.0/8'] });
      expect((await validate(server, local.api_key)).status).toBe(200);
      const refused = await validate(server, remote.api_key);
      expect(refused.status).toBe(401);
      expect((await refused.json()).error_code).toBe('ip_not_allowed');
      expect((await validate(server, remote.api_key, { client_ip: '10.1.2.3' })).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('lets exactly 100 of 200 concurrent validations through a 100/hour key', async () => {
    const server = await startServer({ port: 0, adminToken: ADMIN, quiet: true });
    try {
      const { api_key } = await createKey(server, { rate_limit_per_hour: 100 });
      const answers = await Promise.all(Array.from({ length: 200 }, () => validate(server, api_key)));
      const statuses = answers.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(100);
      expect(statuses.filter((s) => s === 429)).toHaveLength(100);
      const limited = answers.find((r) => r.status === 429)!;
      expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
      expect(limited.headers.get('X-RateLimit-Remaining')).toBe('0');
    } finally {
      await server.close();
    }
  });

  it('keeps keys and usage in the SQLite file across restarts', async () => {
    const dataFile = join(dir, 'restart', 'hokusai-auth.sqlite');
    const first = await startServer({ port: 0, adminToken: ADMIN, dataFile, quiet: true });
    const { api_key, key_info } = await createKey(first);
    await checkedFetch(`${first.url}/api/v1/usage/${key_info.key_id}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ service_id: 'prediction', endpoint: '/v1/predict', status_code: 200, response_time_ms: 3 }),
    });
    await first.close();

    const second = await startServer({ port: 0, adminToken: ADMIN, dataFile, quiet: true });
    try {
      expect((await validate(second, api_key)).status).toBe(200);
      const stats = await (await checkedFetch(`${second.url}/api/v1/usage/${key_info.key_id}/stats`, { headers: { Authorization: `Bearer ${ADMIN}` } })).json();
      expect(stats.total_requests).toBe(1);
      expect(await (await checkedFetch(`${second.url}/ready`)).json()).toEqual({ status: 'ready', checks: { database: true } });
    } finally {
      await second.close();
    }
  });

  it('reports 503 on /ready when the database cannot be queried', async () => {
    const server = await startServer({ port: 0, adminToken: ADMIN, dataFile: join(dir, 'ready.sqlite'), quiet: true });
    try {
      server.store.close();
      const res = await checkedFetch(`${server.url}/ready`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'not ready', checks: { database: false } });
    } finally {
      await server.close();
    }
  });

  it('lets an in-flight request finish before closing', async () => {
    const server = await startServer({ port: 0, adminToken: ADMIN, quiet: true });
    const { api_key } = await createKey(server);
    const encoder = new TextEncoder();
    let sendRest!: () => void;
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(encoder.encode('{"service_id":'));
        sendRest = () => {
          controller.enqueue(encoder.encode('"prediction"}'));
          controller.close();
        };
      },
    });
    const inFlight = fetch(`${server.url}/api/v1/keys/validate`, {
      method: 'POST',
      headers: { 'X-API-Key': api_key, 'Content-Type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    await new Promise((resolve) => setTimeout(resolve, 100)); // the request is now being read
    let closed = false;
    const closing = server.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(false);
    sendRest();
    const res = await inFlight;
    expect(res.status).toBe(200);
    await closing;
    expect(closed).toBe(true);
  });

  it('fails clearly when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    await expect(startServer({ port, quiet: true })).rejects.toThrow(/EADDRINUSE/);
    await new Promise((resolve) => blocker.close(resolve));
  });
});
