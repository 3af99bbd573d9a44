// The request log: one line per request, never a key or a token, query strings cut, text or JSON.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src/server/node';
import { formatLogLine, loggedPath } from '../../../src/server/request-log';

const ADMIN = 'request-log-admin-token-0123456789';
const lines: string[] = [];
let server: RunningServer;
let jsonServer: RunningServer;
const jsonLines: string[] = [];

beforeAll(async () => {
  server = await startServer({ port: 0, memory: true, adminToken: ADMIN, quiet: true, requestLog: { format: 'text', write: (line) => lines.push(line) } });
  jsonServer = await startServer({ port: 0, memory: true, adminToken: ADMIN, quiet: true, requestLog: { format: 'json', write: (line) => jsonLines.push(line) } });
});
afterAll(async () => {
  await Promise.all([server?.close(), jsonServer?.close()]);
});

/** Waits until `count` lines have been written (a line is written once the answer is sent). */
async function linesReach(log: string[], count: number): Promise<void> {
  for (let i = 0; i < 200 && log.length < count; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
}

async function createKey(base: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/keys`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'log', service_id: 'prediction' }),
  });
  return ((await res.json()) as { api_key: string }).api_key;
}

describe('request log', () => {
  it('writes one text line per request, with method, path, status, time and request id', async () => {
    lines.length = 0;
    const res = await fetch(`${server.url}/health`, { headers: { 'X-Request-ID': 'req-health-1' } });
    await res.text();
    await fetch(`${server.url}/nowhere`).then((r) => r.text());
    await linesReach(lines, 2);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z GET \/health 200 \d+(\.\d)? ms req-health-1\n$/);
    expect(lines[1]).toMatch(/ GET \/nowhere 404 .* ms [0-9a-f-]{36}\n$/);
  });

  it('never shows a key or the admin token, from headers, bodies, paths or query strings', async () => {
    lines.length = 0;
    const apiKey = await createKey(server.url);
    // The validate route's fast path, the general path with a query, a key in a path and in a query.
    await fetch(`${server.url}/api/v1/keys/validate`, { method: 'POST', headers: { Authorization: `Bearer ${apiKey}` }, body: '{}' }).then((r) => r.text());
    await fetch(`${server.url}/api/v1/keys?service_id=prediction&token=${ADMIN}`, { headers: { Authorization: `Bearer ${ADMIN}` } }).then((r) => r.text());
    await fetch(`${server.url}/api/v1/keys/${apiKey}`, { headers: { Authorization: `Bearer ${ADMIN}` } }).then((r) => r.text());
    await fetch(`${server.url}/v1/models?api_key=${apiKey}`).then((r) => r.text());
    await linesReach(lines, 5);
    const log = lines.join('');
    expect(lines).toHaveLength(5);
    expect(log).not.toContain(apiKey);
    expect(log).not.toContain(apiKey.slice(8));
    expect(log).not.toContain(ADMIN);
    expect(log).toContain('POST /api/v1/keys/validate 200');
    expect(log).toContain('GET /api/v1/keys?[redacted] 200');
    expect(log).toContain('GET /api/v1/keys/hk_live_*** ');
    expect(log).toMatch(/GET \/v1\/models\?\[redacted\] 4\d\d /);
  });

  it('--log-format json: one JSON object per line', async () => {
    jsonLines.length = 0;
    const res = await fetch(`${jsonServer.url}/ready?x=1`);
    await res.text();
    await linesReach(jsonLines, 1);
    expect(jsonLines).toHaveLength(1);
    expect(jsonLines[0]!.endsWith('\n')).toBe(true);
    expect(JSON.parse(jsonLines[0]!)).toEqual({
      time: expect.stringMatching(/Z$/),
      method: 'GET',
      path: '/ready?[redacted]',
      status: 200,
      ms: expect.any(Number),
      request_id: res.headers.get('x-request-id'),
    });
  });

  it('escapes what could forge a log line, and says when a connection closed unanswered', () => {
    expect(loggedPath('/a%0Ab\u0007/hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456?q')).toBe('/a%0Ab%07/hk_test_***?[redacted]');
    expect(formatLogLine({ time: 't', method: 'GET', path: '/', status: 0, ms: 1, request_id: null }, 'text')).toBe('t GET / closed 1 ms -\n');
  });
});
