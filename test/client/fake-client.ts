// Test setup shared by the client tests: a client whose fetch, clock, sleep and randomness are all under the test's control.
import { HokusaiAuth, type HokusaiAuthOptions } from '../../src/client';
import type { ClientInternals } from '../../src/client/internals';
import { keyInfo as fixtureKeyInfo, validationSuccess as fixtureSuccess } from '../support/fixtures';

export const ADMIN_TOKEN = 'admin-token-0123456789-SECRET';
export const API_KEY = 'hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456';
export const KEY_ID = '550e8400-e29b-41d4-a716-446655440000';
export const BASE_URL = 'http://auth.test';

/** A request as the fake server saw it, body already read. */
export interface SeenRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

type Reply = Response | Error | ((request: SeenRequest, attempt: number) => Response | Promise<Response>);

/**
 * A client whose fetch answers from `replies` in order (the last one repeats), and whose sleep
 * records the delay and returns at once.
 */
export function fakeClient(replies: Reply[], options: HokusaiAuthOptions = {}, internals: ClientInternals = {}) {
  const requests: SeenRequest[] = [];
  const sleeps: number[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const seen = { method: request.method, url: new URL(request.url), headers: request.headers, body: await request.text() };
    requests.push(seen);
    const reply = replies[Math.min(requests.length - 1, replies.length - 1)];
    if (reply instanceof Error) throw reply;
    if (typeof reply === 'function') return reply(seen, requests.length);
    return (reply as Response).clone();
  };
  const auth = new HokusaiAuth(
    { baseUrl: BASE_URL, adminToken: ADMIN_TOKEN, fetch, ...options },
      {
        sleep: async (ms, signal) => {
          sleeps.push(ms);
          if (signal?.aborted) throw signal.reason;
        },
        random: () => 0,
        now: () => Date.parse('2025-01-15T10:30:00Z'),
        ...internals,
      },
  );
  return { auth, requests, sleeps };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { 'x-request-id': 'req-test', ...headers } });
}

/** The public view of the fixture key. */
export const keyInfo = fixtureKeyInfo({ key_id: KEY_ID, name: 'My First Key', created_at: Date.parse('2025-01-15T10:30:00Z') });

/** The 200 validation body of the fixture key. */
export const validationSuccess = fixtureSuccess(KEY_ID);
export { validationFailure } from '../support/fixtures';
