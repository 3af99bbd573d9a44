// The access token (a JWT) is a secret like the admin token: no error, log line or inspection
// of the client shows it, whatever the server echoes.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  APIConnectionError,
  APIUserAbortError,
  AuthenticationError,
  HokusaiAuth,
  InternalServerError,
  PermissionDeniedError,
  type FetchLike,
} from '../../src/platform';
import { BASE, JWT, ORG_ID } from './fixtures';

const SECRETS = [JWT, JWT.split('.')[1]!, JWT.split('.')[2]!];

function renderings(error: unknown): Record<string, string> {
  const e = error as Error;
  return {
    string: String(e),
    json: JSON.stringify(e),
    stack: e.stack ?? '',
    inspect: inspect(e, { showHidden: true, depth: Infinity }),
    cause: inspect(e.cause, { showHidden: true, depth: Infinity }),
  };
}

function expectNoToken(error: unknown): void {
  for (const [form, text] of Object.entries(renderings(error))) {
    for (const secret of SECRETS) expect(text.includes(secret), `${form} shows the token:\n${text}`).toBe(false);
  }
}

/** A server that echoes the Authorization header and the body into its answer and headers. */
function echoing(status: number, html = false): FetchLike {
  return async (request) => {
    const creds = `${request.headers.get('authorization')} ${await request.text()}`;
    const headers = { 'x-request-id': 'req-1', 'x-debug-auth': creds };
    if (html) return new Response(`<html><body>${status} ${creds}</body></html>`, { status, headers });
    return Response.json({ detail: `rejected ${creds}`, errors: [{ field: 'token', message: `bad ${creds}` }], valid: 'no' }, { status, headers });
  };
}

function client(fetch: FetchLike): HokusaiAuth {
  return new HokusaiAuth({ baseUrl: BASE, accessToken: JWT, fetch, maxRetries: 0 }, { sleep: async () => {} });
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('the access token never shows', () => {
  it.each([
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [500, InternalServerError],
  ])('in a %i echoing it (organization call)', async (status, ErrorClass) => {
    const error = await caught(client(echoing(status)).organizations.members.update(ORG_ID, ORG_ID, { role: 'admin' }));
    expect(error).toBeInstanceOf(ErrorClass);
    expect((error as Error).message).toContain('Bearer ***');
    expectNoToken(error);
  });

  it('in an HTML error page echoing it, from a page of a list', async () => {
    const error = await caught(client(echoing(502, true)).organizations.keys.list(ORG_ID).toArray());
    expect(error).toBeInstanceOf(InternalServerError);
    expectNoToken(error);
  });

  it('when tokens.validate fails with the token echoed back', async () => {
    const error = await caught(client(echoing(400)).tokens.validate(JWT));
    expectNoToken(error);
  });

  it('in a connection error whose cause names it', async () => {
    const failing: FetchLike = async (request) => {
      throw Object.assign(new TypeError(`fetch failed for ${request.headers.get('authorization')}`), {
        cause: Object.assign(new Error(`socket hang up after ${JWT}`), { code: 'ECONNRESET' }),
      });
    };
    const error = await caught(client(failing).organizations.get(ORG_ID));
    expect(error).toBeInstanceOf(APIConnectionError);
    expectNoToken(error);
  });

  it('in an abort whose reason names it', async () => {
    const controller = new AbortController();
    controller.abort(new Error(`stopped while using ${JWT}`));
    const error = await caught(client(echoing(200)).organizations.get(ORG_ID, { signal: controller.signal }));
    expect(error).toBeInstanceOf(APIUserAbortError);
    expectNoToken(error);
  });

  it('in an inspection or JSON of the client itself', () => {
    const auth = client(echoing(200));
    for (const text of [inspect(auth, { showHidden: true, depth: Infinity }), JSON.stringify(auth), inspect(auth.withAccessToken(JWT), { depth: 5 })]) {
      for (const secret of SECRETS) expect(text).not.toContain(secret);
    }
  });
});
