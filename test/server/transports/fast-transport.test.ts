// The Node server answers the routes of the table through the app's fast transport, without
// Hono or Web Request/Response objects (node-listener.ts). These tests hold it to the answers of
// the general path: two apps with the same keys and the same clock, one served with the fast
// transport and one without, get the same raw requests and must give the same status, headers
// and body; and where it must step aside (user middleware, getClientIp, an injected failure, a
// URL that needs decoding), the general path answers.
import { createServer, request as httpRequest } from 'node:http';
import type { OutgoingHttpHeaders, RequestListener, Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp, ManualClock, MemoryStore } from '../../../src/server';
import type { CreateAppOptions, TestableApp } from '../../../src/server';
import { nodeHmacHasher } from '../../../src/server/node';
import { withFastTransport } from '../../../src/server/node-listener';
import { routeTable } from '../../../src/server/routes/table';
import { assertResponseMatchesSpec } from '../../support/contract';
import { ADMIN_TOKEN, START } from '../support';

const KEYS = {
  open: 'hk_test_OpenOpenOpenOpenOpenOpenOpen1234',
  scoped: 'hk_test_ScopedScopedScopedScopedScop1234',
  office: 'hk_test_OfficeOfficeOfficeOfficeOffi1234',
  limited: 'hk_test_LimitedLimitedLimitedLimited1234',
  revoked: 'hk_test_RevokedRevokedRevokedRevoked1234',
  doomed: 'hk_test_DoomedDoomedDoomedDoomedDoom1234',
  rotating: 'hk_test_RotatingRotatingRotatingRota1234',
};
const ID = {
  open: '11111111-1111-4111-8111-111111111111',
  doomed: '66666666-6666-4666-8666-666666666666',
  rotating: '77777777-7777-4777-8777-777777777777',
};
const ORIGIN = 'https://app.example';
/** Unexpected (500) errors either server reported; none may happen. */
const serverErrors: string[] = [];
const MAX_BODY = 1024;

type Answer = { status: number; headers: Record<string, string>; body: string };
type RawRequest = { path?: string; method?: string; headers?: OutgoingHttpHeaders; body?: Buffer | string; chunked?: boolean };

/** One app served over TCP; `generalCalls` counts the requests that went through `app.fetch`. */
class Served {
  generalCalls = 0;
  readonly app: TestableApp;
  #server: Server | undefined;

  constructor(
    readonly direct: boolean,
    options: CreateAppOptions = {},
  ) {
    this.app = createApp({
      ...options,
      store: new MemoryStore(),
      hasher: nodeHmacHasher,
      clock: new ManualClock(START),
      adminToken: ADMIN_TOKEN,
      corsOrigin: [ORIGIN],
      maxBodyBytes: MAX_BODY,
      logger: { error: (message) => serverErrors.push(message) },
      testKit: true,
    });
  }

  async start(): Promise<void> {
    const hono = getRequestListener((request, env) => this.app.fetch(request, env));
    const general: RequestListener = (req, res) => {
      this.generalCalls += 1;
      void hono(req, res);
    };
    this.#server = createServer(this.direct ? withFastTransport(this.app, general) : general);
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    const { controls } = this.app;
    await controls.seedKey({ api_key: KEYS.open, key_id: ID.open, name: 'open', service_id: 'prediction' });
    await controls.seedKey({ api_key: KEYS.doomed, key_id: ID.doomed, name: 'doomed', service_id: 'prediction' });
    await controls.seedKey({ api_key: KEYS.rotating, key_id: ID.rotating, name: 'rotating', service_id: 'platform', expires_in_days: 30 });
    await controls.seedKey({ api_key: KEYS.scoped, key_id: '22222222-2222-4222-8222-222222222222', name: 'scoped', service_id: 'prediction', scopes: ['predict'] });
    await controls.seedKey({ api_key: KEYS.office, key_id: '33333333-3333-4333-8333-333333333333', name: 'office', service_id: 'platform', allowed_ips: ['10.0.0.0/8', '2001:db8::/32'] });
    await controls.seedKey({ api_key: KEYS.limited, key_id: '44444444-4444-4444-8444-444444444444', name: 'limited', service_id: 'prediction', rate_limit_per_hour: 10 });
    const revoked = await controls.seedKey({ api_key: KEYS.revoked, key_id: '55555555-5555-4555-8555-555555555555', name: 'revoked', service_id: 'prediction' });
    this.app.engine.revokeKey(revoked.key_info.key_id);
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise((resolve) => this.#server?.close(resolve));
  }

  get port(): number {
    return (this.#server!.address() as AddressInfo).port;
  }

  send(raw: RawRequest): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: this.port, method: raw.method ?? 'POST', path: raw.path ?? '/api/v1/keys/validate', headers: raw.headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
        });
      });
      req.on('error', reject);
      if (raw.chunked && raw.body !== undefined) {
        const body = Buffer.from(raw.body);
        req.write(body.subarray(0, 1));
        req.end(body.subarray(1));
      } else {
        req.end(raw.body);
      }
    });
  }
}

// Different on every answer by nature: the time, and the connection handling of the test client.
const PER_ANSWER = new Set(['date', 'connection', 'keep-alive']);

function comparable(answer: Answer) {
  const headers = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !PER_ANSWER.has(name)));
  return { status: answer.status, headers, body: answer.body };
}

const directServer = new Served(true);
const generalServer = new Served(false);

beforeAll(async () => {
  await Promise.all([directServer.start(), generalServer.start()]);
});
afterEach(() => {
  expect(serverErrors).toEqual([]);
});
afterAll(async () => {
  await Promise.all([directServer.stop(), generalServer.stop()]);
});

/** Sends the request to both servers and returns the fast transport's answer once both agree. */
async function sameAnswer(raw: RawRequest, same: (answer: Answer) => unknown = comparable): Promise<Answer> {
  const before = directServer.generalCalls;
  const direct = await directServer.send(raw);
  const general = await generalServer.send(raw);
  expect(same(direct), `${raw.method ?? 'POST'} ${raw.path ?? ''}`).toEqual(same(general));
  // Proves the answer above came from the fast transport, not from the general path.
  expect(directServer.generalCalls).toBe(before);
  const path = (raw.path ?? '/api/v1/keys/validate').split('?')[0]!;
  assertResponseMatchesSpec({ method: raw.method ?? 'POST', path, status: direct.status, headers: direct.headers, bodyText: direct.body });
  return direct;
}

/** `comparable`, with the values a new key gets at random (its key, id and prefix) blanked out. */
function comparableModuloNewKeys(answer: Answer) {
  const seeded = new Set(Object.values(ID));
  const body = answer.body
    .replace(/hk_(live|test|dev)_[A-Za-z0-9]{32}/g, 'hk_$1_<new key>')
    .replace(/hk_(live|test|dev)_[A-Za-z0-9]{3}\*\*\*/g, 'hk_$1_<prefix>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => (seeded.has(id) ? id : '<new id>'));
  return { ...comparable(answer), body };
}

const json = (value: unknown) => JSON.stringify(value);
const withId = (headers: OutgoingHttpHeaders = {}, id = 'req-1'): OutgoingHttpHeaders => ({ 'content-type': 'application/json', 'x-request-id': id, ...headers });

describe('the fast transport gives the answers of the general path to validations', () => {
  it('for a valid key sent each of the three ways', async () => {
    const answers = [
      await sameAnswer({ headers: withId({ authorization: `Bearer ${KEYS.open}` }), body: json({ service_id: 'prediction' }) }),
      await sameAnswer({ headers: withId({ authorization: `apikey ${KEYS.open}` }) }),
      await sameAnswer({ headers: withId({ 'x-api-key': KEYS.open }), body: json({}) }),
      await sameAnswer({ headers: withId(), body: json({ api_key: KEYS.open, service_id: 'prediction' }) }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    const first = answers[0]!;
    expect(JSON.parse(first.body)).toMatchObject({ is_valid: true, service_id: 'prediction' });
    expect(first.headers).toMatchObject({
      'x-request-id': 'req-1',
      'x-frame-options': 'DENY',
      'content-type': 'application/json',
      'x-ratelimit-limit': '1000',
      'content-length': String(Buffer.byteLength(first.body)),
    });
  });

  it('for every failed check, with its error code', async () => {
    const cases: [RawRequest, string][] = [
      [{ headers: withId({ authorization: 'Bearer hk_test_ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ' }) }, 'invalid_key'],
      [{ headers: withId({ authorization: 'Bearer not-a-key' }) }, 'invalid_key'],
      [{ headers: withId({ authorization: `Bearer ${KEYS.revoked}` }) }, 'revoked'],
      [{ headers: withId({ authorization: `Bearer ${KEYS.open}` }), body: json({ service_id: 'platform' }) }, 'service_mismatch'],
      [{ headers: withId({ authorization: `Bearer ${KEYS.scoped}` }), body: json({ required_scope: 'admin' }) }, 'insufficient_scope'],
      [{ headers: withId({ authorization: `Bearer ${KEYS.office}` }) }, 'ip_not_allowed'],
      [{ headers: withId({ authorization: `Bearer ${KEYS.office}` }), body: json({ client_ip: '192.168.1.1' }) }, 'ip_not_allowed'],
    ];
    for (const [raw, code] of cases) {
      const answer = await sameAnswer(raw);
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.body)).toMatchObject({ is_valid: false, error_code: code });
    }
  });

  it('for allowlisted IPv4 and IPv6 client addresses', async () => {
    for (const client_ip of ['10.1.2.3', '2001:db8::1']) {
      const answer = await sameAnswer({ headers: withId({ authorization: `Bearer ${KEYS.office}` }), body: json({ client_ip }) });
      expect(answer.status).toBe(200);
    }
  });

  it('for the rate limit: ten 200s, then 429 with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) statuses.push((await sameAnswer({ headers: withId({ authorization: `Bearer ${KEYS.limited}` }) })).status);
    const limited = await sameAnswer({ headers: withId({ authorization: `Bearer ${KEYS.limited}` }) });
    expect([...statuses, limited.status]).toEqual([...Array<number>(10).fill(200), 429]);
    expect(limited.headers['retry-after']).toBe('3600');
    expect(limited.headers['x-ratelimit-remaining']).toBe('0');
  });

  it('for bad input: no key, malformed JSON, not an object, wrong types, bad IP', async () => {
    const cases: [RawRequest, string][] = [
      [{ headers: withId() }, 'No API key provided'],
      [{ headers: withId({ authorization: 'Basic dXNlcjpwYXNz' }) }, 'No API key provided'],
      [{ headers: withId({ authorization: `Bearer ${KEYS.open}` }), body: '{"service_id":' }, 'Malformed JSON body'],
      [{ headers: withId({ authorization: `Bearer ${KEYS.open}` }), body: '[1,2]' }, 'Invalid request body'],
      [{ headers: withId({ authorization: `Bearer ${KEYS.open}` }), body: json({ service_id: 42 }) }, 'Invalid request body'],
      [{ headers: withId({ authorization: `Bearer ${KEYS.open}` }), body: json({ client_ip: 300 }) }, 'client_ip'],
      [{ headers: withId({ authorization: `Bearer ${KEYS.open}` }), body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) }, 'Malformed JSON body'],
    ];
    for (const [raw, text] of cases) {
      const answer = await sameAnswer(raw);
      expect(answer.status).toBe(400);
      expect(answer.body).toContain(text);
    }
  });

  it('for header names in any case, repeated headers, a byte-order mark and a body sent as form data', async () => {
    const mixedCase = await sameAnswer({ headers: { AUTHORIZATION: `Bearer ${KEYS.open}`, 'X-Request-Id': 'Mixed-Case', ORIGIN } });
    expect(mixedCase.status).toBe(200);
    expect(mixedCase.headers['x-request-id']).toBe('Mixed-Case');
    expect(mixedCase.headers['access-control-allow-origin']).toBe(ORIGIN);
    // Sent as two header lines; node:http types `authorization` as a single string.
    const twice = [`Bearer ${KEYS.open}`, `Bearer ${KEYS.open}`] as unknown as string;
    const repeated = await sameAnswer({ headers: withId({ authorization: twice }) });
    expect(repeated.status).toBe(401);
    const bom = await sameAnswer({ headers: withId({ authorization: `Bearer ${KEYS.open}` }), body: `\uFEFF${json({ service_id: 'prediction' })}` });
    expect(bom.status).toBe(200);
    const form = await sameAnswer({ headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-request-id': 'r' }, body: json({ api_key: KEYS.open }) });
    expect(form.status).toBe(200);
  });

  it('for CORS: an allowed origin, another origin and none', async () => {
    const allowed = await sameAnswer({ headers: withId({ authorization: `Bearer ${KEYS.open}`, origin: ORIGIN }) });
    expect(allowed.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(allowed.headers.vary).toBe('Origin');
    const other = await sameAnswer({ headers: withId({ authorization: `Bearer ${KEYS.open}`, origin: 'https://evil.example' }) });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    await sameAnswer({ headers: withId({ authorization: `Bearer ${KEYS.open}` }) });
  });

  it('for the request id: a sane one is echoed, anything else replaced by a UUID', async () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const headers of [{}, { 'x-request-id': 'has space' }]) {
      const before = directServer.generalCalls;
      const raw: RawRequest = { headers: { authorization: `Bearer ${KEYS.open}`, ...headers } };
      const [direct, general] = [await directServer.send(raw), await generalServer.send(raw)];
      expect(directServer.generalCalls).toBe(before);
      expect(direct.headers['x-request-id']).toMatch(uuid);
      expect(general.headers['x-request-id']).toMatch(uuid);
      expect(comparable(direct).body).toBe(comparable(general).body);
    }
    expect((await sameAnswer({ headers: withId({ authorization: `Bearer ${KEYS.open}` }, 'trace-42') })).headers['x-request-id']).toBe('trace-42');
  });
});

describe('every route of the table', () => {
  const admin = (headers: OutgoingHttpHeaders = {}) => withId({ authorization: `Bearer ${ADMIN_TOKEN}`, ...headers });
  const usage = json({ service_id: 'prediction', endpoint: '/v1/predict', status_code: 200, response_time_ms: 12, predictions_count: 3 });
  /** One request per route, in an order that keeps both servers' stores alike. */
  const requests: RawRequest[] = [
    { method: 'GET', path: '/health', headers: withId() },
    { method: 'GET', path: '/ready', headers: withId() },
    { method: 'GET', path: '/live', headers: withId() },
    { method: 'GET', path: '/version', headers: withId() },
    { method: 'POST', path: '/api/v1/keys/validate', headers: withId({ 'x-api-key': KEYS.open }) },
    { method: 'POST', path: '/api/v1/keys', headers: admin(), body: json({ name: 'made', service_id: 'platform', scopes: ['read'] }) },
    { method: 'GET', path: '/api/v1/keys?active_only=true&service_id=prediction', headers: admin() },
    { method: 'GET', path: `/api/v1/keys/${ID.open}`, headers: admin() },
    { method: 'DELETE', path: `/api/v1/keys/${ID.doomed}`, headers: admin() },
    { method: 'POST', path: `/api/v1/keys/${ID.rotating}/rotate`, headers: admin() },
    { method: 'POST', path: `/api/v1/usage/${ID.open}`, headers: withId({ 'idempotency-key': 'usage-1' }), body: usage },
    { method: 'POST', path: `/api/v1/usage/${ID.open}`, headers: withId({ 'idempotency-key': 'usage-1' }), body: usage },
    { method: 'POST', path: `/api/v1/usage/${ID.open}/debit`, headers: withId(), body: json({ endpoint: '/v1/predict', service_id: 'prediction', idempotency_key: 'debit-1' }) },
    { method: 'GET', path: `/api/v1/usage/${ID.open}/stats?period=2025-01`, headers: admin() },
    { method: 'GET', path: `/api/v1/usage/${ID.open}/billing`, headers: admin() },
    { method: 'GET', path: '/api/v1/usage/aggregate?start_date=2025-01-01T00:00:00Z&service_id=prediction', headers: admin() },
    { method: 'GET', path: '/v1/models', headers: withId({ authorization: `Bearer ${KEYS.open}` }) },
  ];

  it('is answered by the fast transport as by the general path, one request per route', async () => {
    const covered = new Set<string>();
    for (const raw of requests) {
      const answer = await sameAnswer(raw, comparableModuloNewKeys);
      expect(answer.status, `${raw.method} ${raw.path}`).toBeLessThan(300);
      const match = directServer.app.fast.route(raw.method!, raw.path!);
      covered.add(`${match?.match.route.method} ${match?.match.route.path}`);
    }
    // The replayed usage record says so. Wallet sign-in, tokens and organizations answer with
    // each server's own random nonces, tokens and ids, so no one request compares across two
    // servers: test/server/platform/transports.test.ts runs them over TCP (the fast transport).
    const perServer = /^(\/auth\/|\/api\/v1\/(organizations|invitations|tokens)\b)/;
    expect(covered).toEqual(new Set(routeTable().filter((route) => !perServer.test(route.path)).map((route) => `${route.method} ${route.path}`)));
  });

  it('refuses alike: no admin token, a bad key id, a bad query, a bad body', async () => {
    const cases: [RawRequest, number][] = [
      [{ method: 'GET', path: '/api/v1/keys', headers: withId() }, 401],
      [{ method: 'GET', path: '/api/v1/keys', headers: withId({ authorization: 'Bearer wrong' }) }, 401],
      [{ method: 'GET', path: '/api/v1/keys/not-a-uuid', headers: admin() }, 400],
      [{ method: 'GET', path: '/api/v1/keys?active_only=maybe', headers: admin() }, 400],
      [{ method: 'GET', path: '/api/v1/usage/aggregate?start_date=2025-01-01', headers: admin() }, 400],
      [{ method: 'POST', path: '/api/v1/keys', headers: admin(), body: json({ name: '', allowed_ips: ['10.0.0.0/08'] }) }, 400],
      [{ method: 'POST', path: `/api/v1/usage/${ID.open}`, headers: withId(), body: '{"service_id":' }, 400],
      [{ method: 'GET', path: '/api/v1/keys/0f8fad5b-d9cb-469f-a165-70867728950e', headers: admin() }, 404],
      [{ method: 'POST', path: `/api/v1/keys/${ID.doomed}/rotate`, headers: admin() }, 400],
    ];
    for (const [raw, status] of cases) expect((await sameAnswer(raw)).status, `${raw.method} ${raw.path}`).toBe(status);
  });

  it('ignores headers it does not know about, as the general path does', async () => {
    const unknown = { cookie: 'a=1; b=2', 'x-forwarded-for': '203.0.113.9', 'x-custom': 'one', 'accept-encoding': 'gzip', 'user-agent': 'test/1.0' };
    expect((await sameAnswer({ headers: withId({ authorization: `Bearer ${KEYS.open}`, ...unknown }) })).status).toBe(200);
    expect((await sameAnswer({ method: 'GET', path: '/health', headers: withId(unknown) })).status).toBe(200);
  });
});

describe('random validation requests', () => {
  const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 });
  const key = fc.constantFrom(...Object.values(KEYS), 'hk_test_ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ', '');
  const field = fc.oneof(key, printable, fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('prediction', 'platform', 'predict', '10.1.2.3', '::1', '300.1.1.1'));
  const body = fc.oneof(
    fc.record({ api_key: field, service_id: field, required_scope: field, client_ip: field, extra: field }, { requiredKeys: [] }).map((value) => JSON.stringify(value)),
    printable,
    fc.constant(''),
  );
  const headers = fc.record(
    {
      authorization: fc.oneof(key.map((k) => `Bearer ${k}`), key.map((k) => `ApiKey ${k}`), printable),
      'x-api-key': fc.oneof(key, printable),
      'x-request-id': printable,
      origin: fc.constantFrom(ORIGIN, 'https://evil.example', 'null'),
      'content-type': fc.constantFrom('application/json', 'text/plain'),
    },
    { requiredKeys: [] },
  );

  it('get the same answers from the hot path and the general path', async () => {
    await fc.assert(
      fc.asyncProperty(headers, body, async (h, b) => {
        const raw: RawRequest = { headers: h, body: b };
        const before = directServer.generalCalls;
        const [direct, general] = [await directServer.send(raw), await generalServer.send(raw)];
        expect(directServer.generalCalls).toBe(before);
        expect(direct.status).toBeLessThan(500);
        // A request id the caller did not send well is a fresh UUID on each side.
        const { 'x-request-id': directId, ...directRest } = comparable(direct).headers;
        const { 'x-request-id': generalId, ...generalRest } = comparable(general).headers;
        expect(directRest).toEqual(generalRest);
        expect(direct.body).toBe(general.body);
        expect(directId === generalId || (directId !== h['x-request-id'] && generalId !== h['x-request-id'])).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe('a client that goes away', () => {
  it('in the middle of the body leaves the server answering', async () => {
    const before = directServer.generalCalls;
    await new Promise<void>((resolve, reject) => {
      const socket = connect(directServer.port, '127.0.0.1', () => {
        socket.write(`POST /api/v1/keys/validate HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\nAuthorization: Bearer ${KEYS.open}\r\n\r\n{"service_`);
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 20);
      });
      socket.on('error', reject);
    });
    const after = await sameAnswer({ headers: withId({ authorization: `Bearer ${KEYS.open}` }) });
    expect(after.status).toBe(200);
    expect(directServer.generalCalls).toBe(before);
  });
});

describe('requests the fast transport leaves to the general path', () => {
  async function takesGeneralPath(raw: RawRequest): Promise<Answer> {
    const before = directServer.generalCalls;
    const direct = await directServer.send(raw);
    expect(directServer.generalCalls).toBe(before + 1);
    expect(comparable(direct)).toEqual(comparable(await generalServer.send(raw)));
    return direct;
  }

  it('a chunked body, a body over the limit, a URL that needs decoding and other methods', async () => {
    const auth = { authorization: `Bearer ${KEYS.open}` };
    expect((await takesGeneralPath({ headers: withId(auth), body: json({ service_id: 'prediction' }), chunked: true })).status).toBe(200);
    expect((await takesGeneralPath({ headers: withId(auth), body: json({ service_id: 'x'.repeat(MAX_BODY) }) })).status).toBe(413);
    expect((await takesGeneralPath({ path: '/api/v1/keys/valid%61te', headers: withId(auth) })).status).toBe(200);
    expect((await takesGeneralPath({ method: 'GET', headers: withId(auth) })).status).toBe(405);
  });

  it('every call while a test control has a failure pending', async () => {
    directServer.app.controls.failNext({ method: 'POST', path: '/api/v1/keys/validate', status: 503, retry_after: 2 });
    const before = directServer.generalCalls;
    const failed = await directServer.send({ headers: withId({ authorization: `Bearer ${KEYS.open}` }) });
    expect(failed.status).toBe(503);
    expect(failed.headers['retry-after']).toBe('2');
    expect(directServer.generalCalls).toBe(before + 1);
    // Used up: the next call takes the fast transport again.
    expect((await sameAnswer({ headers: withId({ authorization: `Bearer ${KEYS.open}` }) })).status).toBe(200);
  });
});

describe('an app the fast transport must step aside for', () => {
  it('one with user middleware: it applies to every answer', async () => {
    const served = new Served(true, {
      middleware: [
        async (c, next) => {
          await next();
          c.res.headers.set('X-User-Middleware', 'ran');
        },
      ],
    });
    await served.start();
    try {
      const before = served.generalCalls;
      for (const raw of [{ headers: withId({ authorization: `Bearer ${KEYS.open}` }) }, { method: 'GET', path: '/health', headers: withId() }]) {
        const answer = await served.send(raw);
        expect(answer.status).toBeLessThan(300);
        expect(answer.headers['x-user-middleware']).toBe('ran');
        expect(answer.headers['x-frame-options']).toBe('DENY');
      }
      expect(served.generalCalls).toBe(before + 2);
    } finally {
      await served.stop();
    }
  });

  it('one with a route added on app.hono', async () => {
    const served = new Served(true);
    await served.start();
    try {
      served.app.hono.get('/custom', (c) => c.json({ custom: true }));
      const before = served.generalCalls;
      expect((await served.send({ method: 'GET', path: '/custom', headers: withId() })).body).toBe('{"custom":true}');
      expect((await served.send({ headers: withId({ authorization: `Bearer ${KEYS.open}` }) })).status).toBe(200);
      expect(served.generalCalls).toBe(before + 2);
    } finally {
      await served.stop();
    }
  });

  it('one with a getClientIp option: the address it gives decides the allowlist', async () => {
    const served = new Served(true, { getClientIp: () => '10.20.30.40' });
    await served.start();
    try {
      const before = served.generalCalls;
      const answer = await served.send({ headers: withId({ authorization: `Bearer ${KEYS.office}` }) });
      expect(answer.status).toBe(200);
      expect(served.generalCalls).toBe(before + 1);
    } finally {
      await served.stop();
    }
  });
});
