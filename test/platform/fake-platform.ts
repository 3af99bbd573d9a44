// A platform client whose fetch answers from a list of replies, with sleeps recorded and
// skipped: the transport behaviour of the platform namespaces without a server.
import { HokusaiAuth } from '../../src/platform';

export const ADMIN_TOKEN = 'platform-admin-token-0123456789-SECRET';
export const CLAIM_TOKEN = 'claim-token-AbCdEf0123456789-SECRET';
export const BASE_URL = 'http://platform.test';

/** A request as the fake server saw it, body already read. */
export interface SeenRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

type Reply = Response | Error | ((request: SeenRequest) => Response);

/** A client answered by `replies` in order (the last one repeats). */
export function fakePlatform(replies: Reply[]) {
  const requests: SeenRequest[] = [];
  const sleeps: number[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const seen = { method: request.method, url: new URL(request.url), headers: request.headers, body: await request.text() };
    requests.push(seen);
    const reply = replies[Math.min(requests.length - 1, replies.length - 1)]!;
    if (reply instanceof Error) throw reply;
    return typeof reply === 'function' ? reply(seen) : reply.clone();
  };
  const auth = new HokusaiAuth(
    { baseUrl: BASE_URL, adminToken: ADMIN_TOKEN, fetch },
    { sleep: async (ms) => void sleeps.push(ms), random: () => 0, now: () => Date.parse('2026-02-12T10:30:00Z') },
  );
  return { auth, requests, sleeps };
}

/** A JSON response with a request id. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { 'x-request-id': 'req-platform', ...headers } });
}
