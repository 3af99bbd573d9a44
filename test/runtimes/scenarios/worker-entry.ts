// A Cloudflare Worker running the SDK scenarios and the Hono key guard: POST {baseUrl, adminToken} → the results.
import { Hono } from 'hono';
import * as sdk from '@hokusai/auth';
import { createKeyGuard, honoKeyGuard } from '@hokusai/auth/middleware';
import { answerOf, checkMiddleware } from './middleware-scenarios';
import { runSdkScenarios } from './sdk-scenarios';

export default {
  async fetch(request: Request): Promise<Response> {
    if (request.method !== 'POST') return new Response('POST {baseUrl, adminToken} to run the scenarios', { status: 405 });
    const { baseUrl, adminToken } = (await request.json()) as { baseUrl: string; adminToken: string };
    const results = await runSdkScenarios({ sdk, baseUrl, adminToken });
    // The service middleware on Hono, inside the Worker.
    const guard = createKeyGuard({ auth: new sdk.HokusaiAuth({ baseUrl, maxRetries: 0 }), service_id: 'prediction', required_scope: 'predict', cache: { ttlMs: 0 } });
    const app = new Hono();
    app.use('/v1/*', honoKeyGuard(guard, { clientAddress: (c) => c.req.header('cf-connecting-ip') }));
    app.get('/v1/predict', (c) => c.json({ prediction: 0.87 }));
    const middleware = await checkMiddleware({ sdk, baseUrl, adminToken }, async (headers) => answerOf(await app.request('/v1/predict', { headers })));
    await guard.close();
    return Response.json({ results: { ...results, 'middleware: Hono': middleware } });
  },
};
