/**
 * A protected service for `npm run bench:middleware`: GET /open and GET /protected answer the same
 * JSON, the second behind the key guard (default cache); GET /arrived counts the requests it has received. Usage: `middleware-app.ts <hono|express> <auth url>`.
 * Prints one JSON ready line with its URL.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import express from 'express';
import { Hono } from 'hono';
import { HokusaiAuth } from '../../src/client';
import { createKeyGuard, expressKeyGuard, honoKeyGuard, type HokusaiKeyVariables } from '../../src/middleware';

const [framework, authUrl] = process.argv.slice(2);
const guard = createKeyGuard({
  auth: new HokusaiAuth({ baseUrl: authUrl }),
  service_id: 'prediction',
  required_scope: 'predict',
  // Above the default 2 s: the benchmark holds a validation until 1,000 requests have arrived.
  timeoutMs: 10_000,
  onError: (error) => console.error(`guard: ${error instanceof Error ? error.name : 'error'}`),
});
const answer = { model: 'hokusai-tabular-v1', prediction: 0.87 };
/** Requests that reached /protected, so the benchmark knows how many are waiting on the guard. */
let arrived = 0;

function honoServer(): Server {
  const app = new Hono<{ Variables: HokusaiKeyVariables }>();
  // Both routes go through one counting middleware, so the guard is their only difference.
  app.use('*', (_c, next) => (arrived++, next()));
  app.get('/arrived', (c) => c.json({ arrived }));
  app.get('/open', (c) => c.json(answer));
  app.get('/protected', honoKeyGuard(guard), (c) => c.json(answer));
  return createServer(getRequestListener(app.fetch));
}

function expressServer(): Server {
  const app = express();
  app.use((_req, _res, next) => (arrived++, next()));
  app.get('/arrived', (_req, res) => void res.json({ arrived }));
  app.get('/open', (_req, res) => void res.json(answer));
  app.get('/protected', expressKeyGuard(guard), (_req, res) => void res.json(answer));
  return createServer(app);
}

const server = framework === 'express' ? expressServer() : honoServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ ready: true, url: `http://127.0.0.1:${port}` }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
