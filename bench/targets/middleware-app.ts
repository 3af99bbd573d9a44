/**
 * A protected service for `npm run bench:middleware`: GET /open and GET /protected answer the same
 * JSON, the second behind the key guard (default cache); GET /arrived counts the requests it has received. Usage: `middleware-app.ts <hono|express> <auth url>`.
 * Prints one JSON ready line with its URL, and whether the guard is the built package's.
 *
 * The guard comes from the built package (`dist/`, what a service installs) when there is one,
 * else from the source through tsx, whose transform adds a little to every call of ours (and
 * none to the frameworks' own code, which would tilt the ratio).
 */
import { existsSync } from 'node:fs';
import { hash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import express from 'express';
import { Hono } from 'hono';
import type { HokusaiKeyVariables } from '../../src/middleware';

const distEntry = (path: string) => new URL(`../../dist/${path}`, import.meta.url);
const built = existsSync(distEntry('middleware/index.js')) && existsSync(distEntry('index.js'));
const { HokusaiAuth } = (await import(built ? distEntry('index.js').href : '../../src/client')) as typeof import('../../src/client');
const { createKeyGuard, expressKeyGuard, honoKeyGuard } = (await import(built ? distEntry('middleware/index.js').href : '../../src/middleware')) as typeof import('../../src/middleware');

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
/**
 * The floors (`BENCH_FLOORS=1`): middleware doing one part of the guard's work and nothing else,
 * to show what each part costs on this harness. `/floor/set` only hands a key to the route (as
 * the guard does once a key is accepted); `/floor/hash` only hashes the Authorization header with
 * the one-shot SHA-256 the guard keys its in-process cache with (as 32 one-byte characters: `binary`, Node's other name for latin1).
 */
const acceptedKey = { key_id: 'floor', scopes: ['predict'] } as unknown as HokusaiKeyVariables['hokusaiKey'];
let digest = '';
const hashAuthorization = (headers: IncomingHttpHeaders) => (digest = hash('sha256', headers.authorization ?? '', 'binary'));
/** Requests that reached /protected, so the benchmark knows how many are waiting on the guard. */
let arrived = 0;

function honoServer(): Server {
  const app = new Hono<{ Variables: HokusaiKeyVariables }>();
  // Both routes go through one counting middleware, so the guard is their only difference.
  app.use('*', (_c, next) => (arrived++, next()));
  app.get('/arrived', (c) => c.json({ arrived }));
  app.get('/open', (c) => c.json(answer));
  app.get('/protected', honoKeyGuard(guard), (c) => c.json(answer));
  app.get('/floor/set', (c, next) => (c.set('hokusaiKey', acceptedKey), next()), (c) => c.json(answer));
  app.get('/floor/hash', (c, next) => (hashAuthorization((c.env as { incoming: IncomingMessage }).incoming.headers), next()), (c) => c.json(answer));
  return createServer(getRequestListener(app.fetch));
}

function expressServer(): Server {
  const app = express();
  app.use((_req, _res, next) => (arrived++, next()));
  app.get('/arrived', (_req, res) => void res.json({ arrived }));
  app.get('/open', (_req, res) => void res.json(answer));
  app.get('/protected', expressKeyGuard(guard), (_req, res) => void res.json(answer));
  app.get('/floor/set', (req, _res, next) => ((req.hokusaiKey = acceptedKey), next()), (_req, res) => void res.json(answer));
  app.get('/floor/hash', (req, _res, next) => (hashAuthorization(req.headers), next()), (_req, res) => void res.json(answer));
  return createServer(app);
}

const server = framework === 'express' ? expressServer() : honoServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ ready: true, url: `http://127.0.0.1:${port}`, built }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
