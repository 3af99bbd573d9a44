// `npm run mock:prism` serves the spec's own examples: a quickstart caller gets exactly the
// bodies written in spec/hokusai-auth.openapi.yaml, and `Prefer` picks another example or status.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freePort, startProcess, type StartedProcess } from '../support/processes';
import { loadSpec } from '../support/contract-spec';

type Examples = Record<string, { value: unknown }>;
type ResponseObject = { $ref?: string; content?: Record<string, { examples?: Examples }> };
const spec = loadSpec() as unknown as {
  paths: Record<string, Record<string, { responses: Record<string, ResponseObject> }>>;
  components: { responses: Record<string, ResponseObject> };
};
/** Follows a `#/components/responses/...` reference. */
const resolve = (response: ResponseObject): ResponseObject =>
  response.$ref ? spec.components.responses[response.$ref.split('/').pop()!]! : response;
const examplesOf = (path: string, method: string, status: string): Examples =>
  resolve(spec.paths[path]![method]!.responses[status]!).content!['application/json']!.examples!;
const firstExample = (path: string, method: string, status: string) =>
  Object.values(examplesOf(path, method, status))[0]!.value;

const SEED_KEY = 'hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456';
let prism: StartedProcess;
let base: string;

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // Runs the npm script itself, in its own process group so the whole tree can be stopped.
  prism = await startProcess('npm', ['run', '-s', 'mock:prism'], {
    env: { ...process.env, PRISM_PORT: String(port) },
    ready: { health: base },
    group: true,
    timeoutMs: 40_000,
  });
});

afterAll(() => prism?.stop());

describe('npm run mock:prism', () => {
  test('quickstart step 1 gets the spec example of a created key', async () => {
    const res = await fetch(`${base}/api/v1/keys`, {
      method: 'POST',
      headers: { Authorization: 'Bearer YOUR_ADMIN_TOKEN', 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'My First Key', service_id: 'prediction', scopes: ['predict'], environment: 'test' }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual(firstExample('/api/v1/keys', 'post', '201'));
  });

  test('quickstart step 2 gets the spec example of a valid key', async () => {
    const res = await fetch(`${base}/api/v1/keys/validate`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${SEED_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ service_id: 'prediction' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(firstExample('/api/v1/keys/validate', 'post', '200'));
  });

  test('quickstart step 3 gets the spec example model list', async () => {
    const res = await fetch(`${base}/v1/models`, { headers: { Authorization: `Bearer ${SEED_KEY}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(firstExample('/v1/models', 'get', '200'));
  });

  test('Prefer: example= serves the verbatim quickstart response', async () => {
    const res = await fetch(`${base}/api/v1/keys`, {
      method: 'POST',
      headers: { Authorization: 'Bearer YOUR_ADMIN_TOKEN', 'Content-Type': 'application/json', Prefer: 'example=quickstart' },
      body: JSON.stringify({ name: 'My First Key', service_id: 'prediction' }),
    });
    const body = (await res.json()) as { api_key: string; key_info: { name: string } };
    expect(body).toEqual(examplesOf('/api/v1/keys', 'post', '201').quickstart!.value);
    expect(body.api_key).toBe(SEED_KEY);
  });

  test('Prefer: code= serves a documented error response', async () => {
    const res = await fetch(`${base}/api/v1/keys/validate`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${SEED_KEY}`, 'Content-Type': 'application/json', Prefer: 'code=429' },
      body: '{}',
    });
    expect(res.status).toBe(429);
    expect(await res.json()).toEqual(firstExample('/api/v1/keys/validate', 'post', '429'));
  });

  test('requests that break the spec are rejected, not answered with an example', async () => {
    const res = await fetch(`${base}/api/v1/keys`, {
      method: 'POST',
      headers: { Authorization: 'Bearer YOUR_ADMIN_TOKEN', 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'k', service_id: 'nope' }),
    });
    // The spec declares 400 for invalid input, so Prism answers with that response's example.
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual(firstExample('/api/v1/keys', 'post', '400'));
  });
});
