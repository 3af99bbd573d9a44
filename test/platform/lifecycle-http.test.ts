// The registration lifecycle through the SDK against a real server over HTTP, reading the
// outbox over HTTP as a developer's test would (GET /__hokusai/outbox).
import { afterAll, beforeAll, describe } from 'vitest';
import { HokusaiAuth } from '../../src/platform';
import { startServer, type RunningServer } from '../../src/server/node';
import { lifecycleScenarios, type LifecycleStub, type Mail } from './lifecycle-scenarios';

const ADMIN_TOKEN = 'lifecycle-http-admin-token-0123456789';
let server: RunningServer;
let stub: LifecycleStub;

beforeAll(async () => {
  server = await startServer({ port: 0, memory: true, quiet: true, testControls: true, adminToken: ADMIN_TOKEN });
  const control = async (path: string, method = 'GET') => {
    const response = await fetch(`${server.url}/__hokusai/${path}`, { method, headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    if (!response.ok) throw new Error(`${method} /__hokusai/${path}: ${response.status}`);
    return response.json() as Promise<unknown>;
  };
  stub = {
    auth: new HokusaiAuth({ baseUrl: server.url, adminToken: ADMIN_TOKEN, maxRetries: 0 }),
    outbox: async () => (await control('outbox')) as Mail[],
    reset: async () => void (await control('reset', 'POST')),
  };
});
afterAll(() => server?.close());

describe('the registration lifecycle over HTTP', () => {
  lifecycleScenarios(() => stub);
});
