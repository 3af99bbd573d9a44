// A Node HTTP service protected by Hokusai API keys. Callers send their key in any of the three
// ways the auth service accepts (Authorization: Bearer, X-API-Key, or "api_key" in a JSON body);
// the service validates it through the SDK, answers 401/403/429 when it must, and records usage.
//
//   HOKUSAI_AUTH_URL=http://127.0.0.1:8787 PORT=3000 npx tsx examples/protect-a-service.ts
//   curl -X POST http://127.0.0.1:3000/v1/predict -H "X-API-Key: hk_test_..." -d '{"input": [1, 2, 3]}'
//
// The service needs no admin token: validation and usage recording are service-to-service calls.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extractApiKey, HokusaiAuth, type ValidationErrorCode } from '@hokusai/auth';

const SERVICE_ID = 'prediction';
const REQUIRED_SCOPE = 'predict';
const MAX_BODY_BYTES = 64 * 1024;

// The SDK answers validate with the result body; the wait a 429 asks for is in the auth
// service's Retry-After header. Each call carries our request id, so its answer can be found.
const retryAfterByRequestId = new Map<string, string>();
const auth = new HokusaiAuth({
  // A rate-limited caller gets its 429 at once instead of the request waiting for the window.
  maxRetryDelayMs: 2_000,
  fetch: async (request) => {
    const response = await fetch(request);
    const requestId = request.headers.get('X-Request-ID');
    const retryAfter = response.headers.get('Retry-After');
    if (requestId && retryAfter) retryAfterByRequestId.set(requestId, retryAfter);
    return response;
  },
});

/** Refusals that mean "who are you?" (401) versus "you may not" (403). */
const FORBIDDEN: ReadonlySet<ValidationErrorCode> = new Set(['service_mismatch', 'insufficient_scope', 'ip_not_allowed']);

const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    // SDK errors (auth service down, timeout) never contain the key; still, print only the name.
    console.error(`Request failed: ${error instanceof Error ? error.name : 'error'}`);
    if (!res.headersSent) send(res, 503, { detail: 'Authentication service unavailable' });
  });
});

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path !== '/v1/predict') return send(res, 404, { detail: 'Not found' });

  let body: unknown;
  try {
    body = await readJsonBody(req);
  } catch {
    return send(res, 400, { detail: 'Request body must be JSON' });
  }

  // Bearer / ApiKey header, then X-API-Key, then body.api_key: the auth service's own order.
  const found = extractApiKey(req.headers, body);
  if (!found) return send(res, 401, { detail: 'No API key provided' }, { 'WWW-Authenticate': 'Bearer' });

  const requestId = randomUUID();
  let result: Awaited<ReturnType<typeof auth.validate>>;
  let retryAfter: string | undefined;
  try {
    result = await auth.validate(
      found.key,
      // client_ip: the caller's socket address, checked against the key's allowed_ips.
      { service_id: SERVICE_ID, required_scope: REQUIRED_SCOPE, client_ip: req.socket.remoteAddress },
      { headers: { 'X-Request-ID': requestId } },
    );
  } finally {
    retryAfter = retryAfterByRequestId.get(requestId);
    retryAfterByRequestId.delete(requestId);
  }

  if (!result.is_valid) {
    if (result.error_code === 'rate_limited') {
      return send(res, 429, { detail: result.error }, retryAfter ? { 'Retry-After': retryAfter } : {});
    }
    const status = FORBIDDEN.has(result.error_code) ? 403 : 401;
    return send(res, status, { detail: result.error }, status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {});
  }

  const answer = { model: 'hokusai-tabular-v1', prediction: 0.87 };
  send(res, 200, answer);

  // Record the call after answering, so the caller does not wait for it.
  await auth.usage.record(result.key_id, {
    service_id: SERVICE_ID,
    endpoint: path,
    status_code: 200,
    response_time_ms: Math.round(performance.now() - started),
    predictions_count: 1,
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/** The parsed JSON body, or undefined when there is none. Throws on malformed or oversized JSON. */
async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error('Body too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
}

server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const { address, port } = server.address() as AddressInfo;
  console.log(`Protected service listening on http://${address}:${port}`);
});

// Stop cleanly on Ctrl+C or a process manager's SIGTERM.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
