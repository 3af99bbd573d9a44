import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import * as client from '../../src/client';
import { maskApiKey } from '../../src/keys';
import { redactText } from '../../src/client/redact';
import { ADMIN_TOKEN, API_KEY, fakeClient, json, KEY_ID } from './fake-client';

const MALFORMED_KEY = 'hk_test_not\nsendable-Secret-Value';
const SECRETS = [ADMIN_TOKEN, API_KEY, API_KEY.slice('hk_test_AbC'.length), MALFORMED_KEY, 'sendable-Secret-Value'];

/** Every way an error commonly ends up in logs. */
function renderings(error: unknown): Record<string, string> {
  const e = error as Error;
  return {
    string: String(e),
    message: e.message,
    json: JSON.stringify(e),
    stack: e.stack ?? '',
    inspect: inspect(e),
    inspectHidden: inspect(e, { showHidden: true, depth: Infinity }),
    cause: inspect(e.cause, { showHidden: true, depth: Infinity }),
    template: `${e}`,
  };
}

function expectNoSecrets(error: unknown): void {
  for (const [form, text] of Object.entries(renderings(error))) {
    for (const secret of SECRETS) {
      expect(text.includes(secret), `${(error as Error).name} ${form} contains a secret:\n${text}`).toBe(false);
    }
  }
}

/** A server that echoes every credential it got into the body and the headers. */
function echoing(status: number, shape: 'json' | 'html' = 'json') {
  return (request: { headers: Headers; body: string }) => {
    const creds = `${request.headers.get('authorization')} ${request.headers.get('x-api-key')} ${request.body}`;
    const headers = { 'x-request-id': 'req-1', 'x-debug-auth': creds, 'Retry-After': '1' };
    if (shape === 'html') {
      return new Response(`<html><title>${status} ${creds}</title><body>${creds}</body></html>`, { status, headers });
    }
    return Response.json(
      { detail: `rejected ${creds}`, errors: [{ field: 'authorization', message: `bad value ${creds}` }] },
      { status, headers },
    );
  };
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('no error ever shows the API key or the admin token', () => {
  const statuses: [number, string][] = [
    [400, 'BadRequestError'],
    [401, 'AuthenticationError'],
    [403, 'PermissionDeniedError'],
    [404, 'NotFoundError'],
    [405, 'HokusaiAuthError'],
    [409, 'ConflictError'],
    [413, 'PayloadTooLargeError'],
    [422, 'UnprocessableEntityError'],
    [429, 'RateLimitError'],
    [500, 'InternalServerError'],
  ];

  it.each(statuses)('%i (%s) echoing the admin token', async (status, name) => {
    const { auth } = fakeClient([echoing(status)], { maxRetries: 0 });
    const error = await caught(auth.keys.get(KEY_ID));
    expect((error as Error).name).toBe(name);
    expect(renderings(error).json).toContain('***');
    expectNoSecrets(error);
  });

  it.each(statuses)('%i (%s) echoing the API key', async (status) => {
    const { auth } = fakeClient([echoing(status)], { maxRetries: 0 });
    expectNoSecrets(await caught(auth.models.list(API_KEY)));
  });

  it('a 502 HTML page that echoes credentials', async () => {
    const { auth } = fakeClient([echoing(502, 'html')], { maxRetries: 0 });
    const error = await caught(auth.validate(API_KEY, { via: 'body' }));
    expect(error).toBeInstanceOf(client.InternalServerError);
    expect((error as Error).message).toContain('hk_test_AbC***');
    expectNoSecrets(error);
  });

  it('APIConnectionError whose cause carries the request and the key', async () => {
    const request = new Request('http://auth.test', { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    const failure = Object.assign(new TypeError(`fetch failed for Bearer ${ADMIN_TOKEN}`), {
      request,
      headers: request.headers,
      cause: Object.assign(new Error(`socket hang up after sending ${API_KEY}`), { code: 'ECONNRESET' }),
    });
    const { auth } = fakeClient([failure], { maxRetries: 0 });
    const error = await caught(auth.validate(API_KEY));
    expect(error).toBeInstanceOf(client.APIConnectionError);
    expect((error as Error).message).toContain('ECONNRESET');
    expectNoSecrets(error);
  });

  it('APITimeoutError', async () => {
    const { auth } = fakeClient([() => new Promise<Response>(() => {})], { maxRetries: 0, timeoutMs: 5 });
    const error = await caught(auth.keys.list());
    expect(error).toBeInstanceOf(client.APITimeoutError);
    expectNoSecrets(error);
  });

  it('APIUserAbortError, even with a reason that names the key', async () => {
    const controller = new AbortController();
    controller.abort(new Error(`stopped while checking ${API_KEY} / ${ADMIN_TOKEN}`));
    const { auth } = fakeClient([json({})]);
    const error = await caught(auth.validate(API_KEY, {}, { signal: controller.signal }));
    expect(error).toBeInstanceOf(client.APIUserAbortError);
    expectNoSecrets(error);
  });

  it('ConfigurationError for a key that cannot be sent in a header', async () => {
    const { auth } = fakeClient([json({})]);
    const error = await caught(auth.validate(MALFORMED_KEY));
    expect(error).toBeInstanceOf(client.ConfigurationError);
    expectNoSecrets(error);
  });

  it('MissingAdminTokenError', async () => {
    vi.stubEnv('HOKUSAI_ADMIN_TOKEN', '');
    try {
      const error = await caught(fakeClient([json({})], { adminToken: undefined }).auth.keys.list());
      expect(error).toBeInstanceOf(client.MissingAdminTokenError);
      expectNoSecrets(error);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('a 200 that is not JSON', async () => {
    const { auth } = fakeClient([new Response(`oops ${API_KEY}`, { status: 200, headers: { 'content-type': 'text/plain' } })]);
    const error = await caught(auth.validate(API_KEY));
    expect((error as Error).constructor).toBe(client.HokusaiAuthError);
    expectNoSecrets(error);
  });

  it('errors built directly still mask anything shaped like an API key', () => {
    const classes = [
      client.HokusaiAuthError,
      client.BadRequestError,
      client.AuthenticationError,
      client.PermissionDeniedError,
      client.NotFoundError,
      client.ConflictError,
      client.PayloadTooLargeError,
      client.UnprocessableEntityError,
      client.RateLimitError,
      client.InternalServerError,
      client.APIConnectionError,
      client.APITimeoutError,
      client.APIUserAbortError,
      client.ConfigurationError,
    ];
    for (const ErrorClass of classes) {
      const error = new ErrorClass(`leaked ${API_KEY}`, { detail: `detail ${API_KEY}`, errors: [{ field: 'api_key', message: API_KEY }] });
      expect(error.message).toBe('leaked hk_test_AbC***');
      for (const text of Object.values(renderings(error))) expect(text).not.toContain(API_KEY);
    }
  });
});

describe('the mask', () => {
  it('is the same safe prefix maskApiKey gives, for every environment', () => {
    for (const key of [API_KEY, 'hk_live_Zz9aBcDeFgHiJkLmNoPqRsTuVwXyZ012', 'hk_dev_00000000000000000000000000000000']) {
      expect(redactText(`key=${key};`)).toBe(`key=${maskApiKey(key)};`);
      expect(redactText(`key=${key};`, [key])).toBe(`key=${maskApiKey(key)};`);
    }
  });

  it('leaves key prefixes alone and hides other secrets whole', () => {
    expect(redactText('prefix hk_live_AbC*** is fine')).toBe('prefix hk_live_AbC*** is fine');
    expect(redactText(`token ${ADMIN_TOKEN} twice ${ADMIN_TOKEN}`, [ADMIN_TOKEN])).toBe('token *** twice ***');
  });
});
