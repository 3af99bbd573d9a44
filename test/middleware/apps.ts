// One small protected service per adapter, listening on a free loopback port: GET and POST
// /v1/predict behind the guard (the handler reports one prediction), GET /health open.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type HttpBindings } from '@hono/node-server';
import express from 'express';
import Fastify from 'fastify';
import { Hono, type Context } from 'hono';
import {
  expressKeyGuard,
  fastifyKeyGuard,
  hokusaiKeyOf,
  honoKeyGuard,
  nodeKeyGuard,
  reportUsage,
  withKeyGuard,
  type HokusaiKeyVariables,
  type KeyGuard,
} from '../../src/middleware';

/** A running protected service. */
export interface ProtectedApp {
  url: string;
  close(): Promise<void>;
}

export type AdapterName = 'hono' | 'express' | 'fastify' | 'fetch' | 'node:http';

/** Which adapters see a key sent as `api_key` in a JSON body (those whose framework parses bodies). */
export const READS_BODY: Record<AdapterName, boolean> = { hono: false, express: true, fastify: true, fetch: false, 'node:http': true };

const listening = async (server: Server): Promise<ProtectedApp> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => closeServer(server) };
};
const closeServer = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
const serveFetch = async (fetch: (request: Request, env: HttpBindings) => Promise<Response> | Response): Promise<ProtectedApp> => {
  const server = await new Promise<Server>((resolve) => {
    const started: Server = serve({ fetch: fetch as never, port: 0, hostname: '127.0.0.1' }, () => resolve(started)) as Server;
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => closeServer(server) };
};

export const startApp: Record<AdapterName, (guard: KeyGuard) => Promise<ProtectedApp>> = {
  hono: (guard) => {
    const app = new Hono<{ Variables: HokusaiKeyVariables }>();
    app.get('/health', (c) => c.json({ status: 'ok' }));
    app.use('/v1/*', honoKeyGuard(guard));
    const predict = (c: Context<{ Variables: HokusaiKeyVariables }>) => {
      reportUsage(c, { predictions_count: 1 });
      return c.json({ key_id: c.get('hokusaiKey').key_id });
    };
    app.get('/v1/predict', predict);
    app.post('/v1/predict', predict);
    return serveFetch((request, env) => app.fetch(request, env));
  },
  express: (guard) => {
    const app = express();
    app.get('/health', (_req, res) => void res.json({ status: 'ok' }));
    app.use('/v1', express.json(), expressKeyGuard(guard));
    app.all('/v1/predict', (req, res) => {
      reportUsage(req, { predictions_count: 1 });
      res.json({ key_id: req.hokusaiKey?.key_id });
    });
    return listening(createServer(app));
  },
  fastify: async (guard) => {
    const app = Fastify();
    app.get('/health', async () => ({ status: 'ok' }));
    await app.register(async (scope) => {
      scope.addHook('preHandler', fastifyKeyGuard(guard));
      scope.route({
        method: ['GET', 'POST'],
        url: '/v1/predict',
        handler: async (request) => {
          reportUsage(request, { predictions_count: 1 });
          return { key_id: hokusaiKeyOf(request).key_id };
        },
      });
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, close: () => app.close() };
  },
  fetch: (guard) => {
    const predict = withKeyGuard(
      guard,
      // The extra arguments a runtime passes (here @hono/node-server's bindings) follow the key.
      async (request, key, _env: HttpBindings) => {
        reportUsage(request, { predictions_count: 1 });
        return Response.json({ key_id: key.key_id });
      },
      { clientAddress: (_request, env) => env.incoming.socket.remoteAddress },
    );
    return serveFetch((request, env) => (new URL(request.url).pathname === '/health' ? Response.json({ status: 'ok' }) : predict(request, env)));
  },
  'node:http': (guard) => {
    const protect = nodeKeyGuard(guard);
    return listening(
      createServer(async (req, res) => {
        if (req.url === '/health') return void res.end(JSON.stringify({ status: 'ok' }));
        const key = await protect(req, res, await jsonBody(req));
        if (!key) return;
        reportUsage(req, { predictions_count: 1 });
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ key_id: key.key_id }));
      }),
    );
  },
};

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
