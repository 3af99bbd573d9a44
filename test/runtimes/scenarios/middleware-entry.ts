// The service middleware on a framework, in a Node, Bun or Deno process:
// `<runtime> middleware-entry.mjs <Hono|Express|Fastify> <url> <admin token>`.
import * as sdk from '@hokusai/auth';
import { createKeyGuard, expressKeyGuard, fastifyKeyGuard, honoKeyGuard } from '@hokusai/auth/middleware';
import { answerOf, checkMiddleware, type MiddlewareFramework, type ServiceCall } from './middleware-scenarios';

const [framework, baseUrl, adminToken] = process.argv.slice(2) as [MiddlewareFramework, string, string];
const guard = createKeyGuard({ auth: new sdk.HokusaiAuth({ baseUrl, maxRetries: 0 }), service_id: 'prediction', required_scope: 'predict', cache: { ttlMs: 0 } });

/** The protected route on the framework, and how to call it; `close` stops what listens. */
async function service(): Promise<{ call: ServiceCall; close: () => Promise<void> }> {
  if (framework === 'Hono') {
    const { Hono } = await import('hono');
    const app = new Hono();
    app.use('/v1/*', honoKeyGuard(guard, { clientAddress: () => '127.0.0.1' }));
    app.get('/v1/predict', (c) => c.json({ prediction: 0.87 }));
    return { call: async (headers) => answerOf(await app.request('/v1/predict', { headers })), close: async () => {} };
  }
  if (framework === 'Fastify') {
    const { default: Fastify } = await import('fastify');
    const app = Fastify();
    app.addHook('preHandler', fastifyKeyGuard(guard));
    app.get('/v1/predict', async () => ({ prediction: 0.87 }));
    return {
      call: async (headers) => {
        const reply = await app.inject({ method: 'GET', url: '/v1/predict', headers });
        return answerOf(new Response(reply.body, { status: reply.statusCode }));
      },
      close: () => app.close(),
    };
  }
  const { default: express } = await import('express');
  const app = express();
  app.use('/v1', expressKeyGuard(guard));
  app.get('/v1/predict', (_req, res) => {
    res.json({ prediction: 0.87 });
  });
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as import('node:net').AddressInfo;
  return {
    call: async (headers) => answerOf(await fetch(`http://127.0.0.1:${port}/v1/predict`, { headers })),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const { call, close } = await service();
try {
  console.log(JSON.stringify({ result: await checkMiddleware({ sdk, baseUrl, adminToken }, call) }));
} finally {
  await close();
  await guard.close();
}
