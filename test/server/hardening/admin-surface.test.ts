// The admin surface is closed to other web pages: CORS only for chosen origins, a Host check
// against DNS rebinding on a loopback bind, and no answer kept by a cache.
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { parseMainArgs } from '../../../src/server/cli-args';
import { startServer } from '../../../src/server/node';
import { makeTestApp } from '../support';
import { LONG_ADMIN_TOKEN } from './support';

const EVIL = 'http://evil.example';
const DEV_PAGE = 'http://localhost:5173';

describe('CORS on the admin surface', () => {
  it('gives no CORS headers to another origin on admin routes and their preflights, by default', async () => {
    const t = makeTestApp();
    const { key_info } = await t.createKey();
    for (const path of ['/api/v1/keys', `/api/v1/keys/${key_info.key_id}`, `/api/v1/usage/${key_info.key_id}/stats`, '/api/v1/usage/aggregate']) {
      const res = await t.admin(path, { headers: { Origin: EVIL } });
      expect(res.status).toBe(200);
      expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
      const preflight = await t.request(path, {
        method: 'OPTIONS',
        headers: { Origin: EVIL, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
      });
      expect(preflight.headers.get('Access-Control-Allow-Origin')).toBeNull();
    }
  });

  it('keeps the public routes open to every origin', async () => {
    const t = makeTestApp();
    const { api_key, key_info } = await t.createKey();
    const validate = await t.request('/api/v1/keys/validate', { method: 'POST', headers: { Origin: EVIL, 'X-API-Key': api_key } });
    expect(validate.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const record = await t.request(`/api/v1/usage/${key_info.key_id}`, {
      method: 'POST',
      headers: { Origin: EVIL },
      json: { service_id: 'prediction', endpoint: '/x', status_code: 200, response_time_ms: 1 },
    });
    expect(record.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect((await t.request('/health', { headers: { Origin: EVIL } })).headers.get('Access-Control-Allow-Origin')).toBe('*');
  });

  it('answers CORS on admin routes and test controls for the origins given, and only those', async () => {
    const t = makeTestApp({ adminCorsOrigins: [DEV_PAGE], testControls: true });
    for (const path of ['/api/v1/keys', '/__hokusai/clock']) {
      const allowed = await t.admin(path, { headers: { Origin: DEV_PAGE } });
      expect(allowed.headers.get('Access-Control-Allow-Origin')).toBe(DEV_PAGE);
      expect(allowed.headers.get('Vary')).toContain('Origin');
      const other = await t.admin(path, { headers: { Origin: EVIL } });
      expect(other.headers.get('Access-Control-Allow-Origin')).toBeNull();
    }
  });

  it('takes the admin origins from --cors-origin, repeatable, and refuses what is not an origin', () => {
    const settings = parseMainArgs(['--cors-origin', DEV_PAGE, '--cors-origin', 'https://admin.test:8443', '--admin-token', LONG_ADMIN_TOKEN], {});
    expect(settings.corsOrigins).toEqual([DEV_PAGE, 'https://admin.test:8443']);
    expect(parseMainArgs(['--admin-token', LONG_ADMIN_TOKEN], {}).corsOrigins).toEqual([]);
    expect(() => parseMainArgs(['--cors-origin', 'localhost:5173/'], {})).toThrow(/--cors-origin/);
  });
});

/** A raw request with a chosen Host header (fetch does not let one set it). */
function getWithHost(url: string, host: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/health`, { headers: { Host: host } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('Host check on a loopback bind', () => {
  it('answers 421 to a Host that is not a loopback name, and serves loopback names', async () => {
    const server = await startServer({ port: 0, adminToken: LONG_ADMIN_TOKEN, quiet: true });
    try {
      const rebound = await getWithHost(server.url, `evil.example:${server.port}`);
      expect(rebound.status).toBe(421);
      expect(JSON.parse(rebound.body).detail).toMatch(/Misdirected/);
      expect(rebound.headers['x-content-type-options']).toBe('nosniff');
      for (const host of [`localhost:${server.port}`, `127.0.0.1:${server.port}`, `[::1]:${server.port}`, `app.localhost:${server.port}`]) {
        expect((await getWithHost(server.url, host)).status).toBe(200);
      }
      // The verdict on the last Host seen is remembered: a new Host is always judged afresh.
      const hosts = [`localhost:${server.port}`, `evil.example:${server.port}`, `evil.example:${server.port}`, `localhost:${server.port}`, `127.0.0.1.evil.example`];
      const statuses = [];
      for (const host of hosts) statuses.push((await getWithHost(server.url, host)).status);
      expect(statuses).toEqual([200, 421, 421, 200, 421]);
    } finally {
      await server.close();
    }
  });
});

describe('Cache-Control', () => {
  it('is no-store on API answers: keys, validations, admin data and errors, in-process and over TCP', async () => {
    const t = makeTestApp();
    const created = await t.admin('/api/v1/keys', { method: 'POST', json: { name: 'k', service_id: 'prediction' } });
    const { api_key } = (await created.clone().json()) as { api_key: string };
    const answers = [created, await t.validate(api_key), await t.admin('/api/v1/keys'), await t.request('/api/v1/keys'), await t.request('/health')];
    for (const res of answers) expect(res.headers.get('Cache-Control')).toBe('no-store');

    const server = await startServer({ port: 0, adminToken: LONG_ADMIN_TOKEN, quiet: true });
    try {
      const overTcp = await fetch(`${server.url}/api/v1/keys/validate`, { method: 'POST', headers: { 'X-API-Key': api_key } });
      expect(overTcp.headers.get('Cache-Control')).toBe('no-store');
    } finally {
      await server.close();
    }
  });
});
