import { describe, expect, it } from 'vitest';
import {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  BadRequestError,
  InternalServerError,
  RateLimitError,
} from '../../src/client';
import { resolveConfig } from '../../src/client/config';
import { Transport } from '../../src/client/transport';
import { API_KEY, fakeClient, json, keyInfo, KEY_ID, validationFailure, validationSuccess } from './fake-client';

const created = { api_key: API_KEY, key_info: keyInfo };
const unavailable = () => json({ detail: 'Service Unavailable' }, 503);
const networkError = () => new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });

describe('how often a call is retried', () => {
  it('retries twice by default, with 0.5 s then 1 s backoff, then throws the last error', async () => {
    const { auth, requests, sleeps } = fakeClient([unavailable()]);
    await expect(auth.keys.list()).rejects.toBeInstanceOf(InternalServerError);
    expect(requests).toHaveLength(3);
    expect(sleeps).toEqual([500, 1_000]);
  });

  it('returns the first success after failures', async () => {
    const { auth, requests } = fakeClient([unavailable(), json([keyInfo])]);
    await expect(auth.keys.list()).resolves.toEqual([keyInfo]);
    expect(requests).toHaveLength(2);
  });

  it('follows maxRetries of the client and of the call', async () => {
    const client = fakeClient([unavailable()], { maxRetries: 4 });
    await expect(client.auth.keys.list()).rejects.toBeInstanceOf(InternalServerError);
    expect(client.requests).toHaveLength(5);
    expect(client.sleeps).toEqual([500, 1_000, 2_000, 4_000]);

    const once = fakeClient([unavailable()], { maxRetries: 4 });
    await expect(once.auth.keys.list({}, { maxRetries: 0 })).rejects.toBeInstanceOf(InternalServerError);
    expect(once.requests).toHaveLength(1);
    expect(once.sleeps).toEqual([]);
  });

  it('applies jitter from the random source', async () => {
    const { auth, sleeps } = fakeClient([unavailable()], {}, { random: () => 0.5 });
    await expect(auth.keys.list()).rejects.toThrow();
    expect(sleeps).toEqual([437.5, 875]);
  });

  it.each([408, 409, 429, 500, 502, 503, 504])('retries status %i', async (status) => {
    const { auth, requests } = fakeClient([json({ detail: 'try again' }, status), json(keyInfo)]);
    await expect(auth.keys.get(KEY_ID)).resolves.toEqual(keyInfo);
    expect(requests).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 413, 422])('never retries status %i', async (status) => {
    const { auth, requests, sleeps } = fakeClient([json({ detail: 'no' }, status)]);
    await expect(auth.keys.get(KEY_ID)).rejects.toMatchObject({ status });
    expect(requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('retries network errors and reports the root cause', async () => {
    const { auth, requests } = fakeClient([networkError()]);
    const error = await auth.health().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toBe('Connection error: could not reach http://auth.test (ECONNREFUSED)');
    expect(requests).toHaveLength(3);
  });
});

describe('Retry-After', () => {
  it('waits the seconds the server asks for', async () => {
    const { auth, sleeps } = fakeClient([json({ detail: 'slow down' }, 429, { 'Retry-After': '3' }), json([])]);
    await auth.keys.list();
    expect(sleeps).toEqual([3_000]);
  });

  it('waits until the HTTP-date the server names (read with the injected clock)', async () => {
    const { auth, sleeps } = fakeClient([
      json({ detail: 'down' }, 503, { 'Retry-After': 'Wed, 15 Jan 2025 10:30:05 GMT' }),
      json([]),
    ]);
    await auth.keys.list();
    expect(sleeps).toEqual([5_000]);
  });

  it('prefers retry-after-ms', async () => {
    const { auth, sleeps } = fakeClient([json({ detail: 'x' }, 429, { 'retry-after-ms': '120', 'Retry-After': '9' }), json([])]);
    await auth.keys.list();
    expect(sleeps).toEqual([120]);
  });

  it('does not wait beyond maxRetryDelayMs: throws RateLimitError at once with retryAfterMs', async () => {
    const { auth, requests, sleeps } = fakeClient([json({ detail: 'Rate limit exceeded' }, 429, { 'Retry-After': '3600' })], {
      maxRetryDelayMs: 10_000,
    });
    const error = await auth.models.list(API_KEY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(3_600_000);
    expect(requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });
});

describe('idempotency keys make POSTs retryable', () => {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('keys.create sends one fresh UUID and the same one on every attempt', async () => {
    const { auth, requests } = fakeClient([unavailable(), networkError(), json(created, 201)]);
    await expect(auth.keys.create({ name: 'My First Key', service_id: 'prediction' })).resolves.toEqual(created);
    const keys = requests.map((r) => r.headers.get('idempotency-key'));
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(uuid);
    expect(new Set(keys).size).toBe(1);
    expect(requests.map((r) => r.body)).toEqual(Array(3).fill('{"name":"My First Key","service_id":"prediction"}'));
  });

  it('gives each call its own key', async () => {
    const { auth, requests } = fakeClient([json(created, 201)]);
    await auth.keys.create({ name: 'a', service_id: 'prediction' });
    await auth.keys.create({ name: 'a', service_id: 'prediction' });
    expect(requests[0]!.headers.get('idempotency-key')).not.toBe(requests[1]!.headers.get('idempotency-key'));
  });

  it('uses the caller’s key when given', async () => {
    const { auth, requests } = fakeClient([unavailable(), json(created, 201)]);
    await auth.keys.rotate(KEY_ID, { idempotencyKey: 'rotate-job-7' });
    expect(requests.map((r) => r.headers.get('idempotency-key'))).toEqual(['rotate-job-7', 'rotate-job-7']);
  });

  it('keys.rotate and usage.record are retried with their key', async () => {
    const { auth, requests } = fakeClient([unavailable(), json(created, 201), unavailable(), json({ message: 'Usage recorded successfully' })]);
    await auth.keys.rotate(KEY_ID);
    await auth.usage.record(KEY_ID, { service_id: 'prediction', endpoint: '/v1/predict', status_code: 200, response_time_ms: 12 });
    expect(requests).toHaveLength(4);
    expect(requests[2]!.headers.get('idempotency-key')).toBe(requests[3]!.headers.get('idempotency-key'));
    expect(requests[2]!.headers.get('idempotency-key')).toMatch(uuid);
  });

  it('a POST is retried only when it carries an Idempotency-Key or is marked safe (transport rule)', async () => {
    let calls = 0;
    const transport = new Transport(resolveConfig({ baseUrl: 'http://auth.test', maxRetries: 3 }), { sleep: async () => {} });
    const attempt = async () => {
      calls++;
      return { error: { detail: 'down' }, response: json({ detail: 'down' }, 503) };
    };
    const counted = async (op: Parameters<Transport['run']>[0]) => {
      calls = 0;
      await expect(transport.run(op, undefined, attempt)).rejects.toBeInstanceOf(InternalServerError);
      return calls;
    };
    expect(await counted({ name: 'custom', method: 'POST' })).toBe(1);
    expect(await counted({ name: 'custom', method: 'POST', idempotent: true })).toBe(4);
    expect(await counted({ name: 'custom', method: 'POST', safe: true })).toBe(4);
    expect(await counted({ name: 'custom', method: 'DELETE' })).toBe(4);
  });
});

describe('validate is retried although it is a POST', () => {
  it('retries 5xx and network errors, then answers', async () => {
    const { auth, requests } = fakeClient([unavailable(), networkError(), json(validationSuccess)]);
    await expect(auth.validate(API_KEY, { service_id: 'prediction' })).resolves.toEqual(validationSuccess);
    expect(requests).toHaveLength(3);
    expect(requests.every((r) => r.headers.get('idempotency-key') === null)).toBe(true);
  });

  it('does not retry a refused key: the 401 body is the answer', async () => {
    const failure = validationFailure('revoked');
    const { auth, requests } = fakeClient([json(failure, 401)]);
    await expect(auth.validate(API_KEY)).resolves.toEqual(failure);
    expect(requests).toHaveLength(1);
  });

  it('retries a rate-limited key when Retry-After is short', async () => {
    const limited = json(validationFailure('rate_limited'), 429, { 'Retry-After': '2' });
    const { auth, sleeps } = fakeClient([limited, json(validationSuccess)]);
    await expect(auth.validate(API_KEY)).resolves.toEqual(validationSuccess);
    expect(sleeps).toEqual([2_000]);
  });

  it('answers rate_limited (not an exception) when retrying is over', async () => {
    const failure = validationFailure('rate_limited');
    const short = fakeClient([json(failure, 429, { 'Retry-After': '1' })]);
    await expect(short.auth.validate(API_KEY)).resolves.toEqual(failure);
    expect(short.requests).toHaveLength(3);

    const long = fakeClient([json(failure, 429, { 'Retry-After': '1800' })]);
    await expect(long.auth.validate(API_KEY)).resolves.toMatchObject({ is_valid: false, error_code: 'rate_limited' });
    expect(long.requests).toHaveLength(1);
  });

  it('throws for a 400 (no key) rather than answering', async () => {
    const { auth } = fakeClient([json({ detail: 'No API key provided' }, 400)]);
    await expect(auth.validate(API_KEY)).rejects.toBeInstanceOf(BadRequestError);
  });

  it('throws for a 401 that is not a validation answer (e.g. from a proxy)', async () => {
    const { auth } = fakeClient([new Response('Unauthorized', { status: 401 })]);
    await expect(auth.validate(API_KEY)).rejects.toMatchObject({ name: 'AuthenticationError', status: 401 });
  });
});

describe('ready', () => {
  it('returns the 503 body as the answer without retrying', async () => {
    const notReady = { status: 'not ready', checks: { database: false } };
    const { auth, requests } = fakeClient([json(notReady, 503)]);
    await expect(auth.ready()).resolves.toEqual(notReady);
    expect(requests).toHaveLength(1);
  });

  it('retries a proxy 502 and throws if it persists', async () => {
    const { auth, requests } = fakeClient([new Response('<h1>Bad Gateway</h1>', { status: 502 })]);
    await expect(auth.ready()).rejects.toBeInstanceOf(InternalServerError);
    expect(requests).toHaveLength(3);
  });
});

describe('timeouts', () => {
  const hang = () => new Promise<Response>(() => {});

  it('limits each attempt, retries, then throws APITimeoutError', async () => {
    const { auth, requests } = fakeClient([hang as never], { timeoutMs: 5 });
    const error = await auth.keys.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toBe('keys.list timed out after 5 ms');
    expect(requests).toHaveLength(3);
  });

  it('a per-call timeout overrides the client one, and a later attempt can still succeed', async () => {
    const { auth, requests } = fakeClient([hang as never, json({ status: 'healthy' })], { timeoutMs: 60_000 });
    await expect(auth.health({ timeoutMs: 100 })).resolves.toEqual({ status: 'healthy' });
    expect(requests).toHaveLength(2);
  });

  it('passes fetch an abort signal that fires on timeout', async () => {
    let seen: AbortSignal | undefined;
    const { auth } = fakeClient([], {
      maxRetries: 0,
      timeoutMs: 5,
      fetch: (_request, init) => {
        seen = init?.signal;
        return new Promise(() => {});
      },
    });
    await expect(auth.health()).rejects.toBeInstanceOf(APITimeoutError);
    expect(seen?.aborted).toBe(true);
  });

  it('forwards the caller’s abort to fetch', async () => {
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    const { auth } = fakeClient([], {
      fetch: (_request, init) => {
        seen = init?.signal;
        controller.abort();
        return new Promise(() => {});
      },
    });
    await expect(auth.health({ signal: controller.signal })).rejects.toBeInstanceOf(APIUserAbortError);
    expect(seen?.aborted).toBe(true);
  });
});

describe('abort', () => {
  it('an already aborted signal sends nothing', async () => {
    const { auth, requests } = fakeClient([json([])]);
    const error = await auth.keys.list({}, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(requests).toHaveLength(0);
  });

  it('aborting during a request stops at once, without retrying', async () => {
    const controller = new AbortController();
    const { auth, requests } = fakeClient([
      () => {
        controller.abort();
        return new Promise<Response>(() => {});
      },
    ]);
    await expect(auth.keys.list({}, { signal: controller.signal })).rejects.toBeInstanceOf(APIUserAbortError);
    expect(requests).toHaveLength(1);
  });

  it('aborting during the wait between attempts ends the wait and the call', async () => {
    const controller = new AbortController();
    let sleptWith: AbortSignal | undefined;
    const { auth, requests } = fakeClient([unavailable()], {}, {
      sleep: (_ms, signal) => {
        sleptWith = signal;
        return new Promise((_, reject) => {
          signal?.addEventListener('abort', () => reject(signal.reason));
          controller.abort();
        });
      },
    });
    await expect(auth.keys.list({}, { signal: controller.signal })).rejects.toBeInstanceOf(APIUserAbortError);
    expect(sleptWith).toBe(controller.signal);
    expect(requests).toHaveLength(1);
  });

  it('the real sleep also stops on abort', async () => {
    const { sleep } = await import('../../src/client/retry/sleep');
    const controller = new AbortController();
    const pending = sleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
    await expect(sleep(60_000, AbortSignal.abort(new Error('already')))).rejects.toThrow('already');
    await expect(sleep(0)).resolves.toBeUndefined();
  });
});
