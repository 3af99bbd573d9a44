// A Node HTTP service protected by Hokusai API keys with `@hokusai/auth/middleware`. Callers send
// their key in any of the three ways the auth service accepts (Authorization: Bearer, X-API-Key,
// or "api_key" in a JSON body); the guard validates it for this service, scope and client IP,
// caches the answer, answers 401/403/429/503 when it must, and records usage in batches.
//
//   HOKUSAI_AUTH_URL=http://127.0.0.1:8787 PORT=3000 npx tsx examples/protect-a-service.ts
//   curl -X POST http://127.0.0.1:3000/v1/predict -H "X-API-Key: hk_test_..." -d '{"input": [1, 2, 3]}'
//
// CACHE_TTL_MS sets how long a validation is reused (default 300 000, as the auth service's own
// cache); 0 validates every request, so a revocation applies to the very next one.
// The service needs no admin token: validation and usage recording are service-to-service calls.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HokusaiAuth } from '@hokusai/auth';
import { createKeyGuard, nodeKeyGuard, reportUsage } from '@hokusai/auth/middleware';

const MAX_BODY_BYTES = 64 * 1024;

const guard = createKeyGuard({
  auth: new HokusaiAuth(), // HOKUSAI_AUTH_URL, else https://auth.hokus.ai
  service_id: 'prediction',
  required_scope: 'predict',
  cache: { ttlMs: Number(process.env.CACHE_TTL_MS ?? 300_000) },
  usage: { flushEveryMs: 1_000 },
});
const protect = nodeKeyGuard(guard);

const server = createServer(async (req, res) => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path !== '/v1/predict') return json(res, 404, { detail: 'Not found' });

  let body: unknown;
  try {
    body = await readJsonBody(req);
  } catch {
    return json(res, 400, { detail: 'Request body must be JSON' });
  }
  // The key (or a ready 401/403/429/503 answer, already sent): the body is passed for its api_key.
  const key = await protect(req, res, body);
  if (!key) return;

  reportUsage(req, { predictions_count: 1 });
  json(res, 200, { model: 'hokusai-tabular-v1', prediction: 0.87 });
});

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
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

// Stop cleanly on Ctrl+C or a process manager's SIGTERM: the queued usage records are sent first.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => void guard.close().then(() => process.exit(0))));
}
