// The README's "Protect your service" blocks, cut from the README and run as pasted: each one
// starts, accepts a key, refuses a request without one, and on SIGTERM sends its usage and exits.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HokusaiAuth } from '../../src/client';
import { startServer, type RunningServer } from '../../src/server/node';
import { startExampleService } from '../examples/run-example';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ADMIN = 'readme-middleware-admin-token';

/** The ts blocks of one README section, with the bold label before each. */
function sectionBlocks(heading: string): { label: string; code: string }[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n${heading}\n`);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  return [...section.matchAll(/\*\*([^*\n]+)\*\* —[\s\S]*?```ts\n([\s\S]*?)```/g)].map((match) => ({ label: match[1]!, code: match[2]! }));
}

const blocks = sectionBlocks('## Protect your service');
// Inside the repository, so the blocks' imports resolve as in a project that installed the package.
const dir = join(ROOT, `.readme-blocks-${process.pid}`);
let server: RunningServer;
let admin: HokusaiAuth;

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  server = await startServer({ port: 0, memory: true, adminToken: ADMIN, quiet: true });
  admin = new HokusaiAuth({ baseUrl: server.url, adminToken: ADMIN, maxRetries: 0 });
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await server?.close();
});

describe('README: Protect your service', () => {
  it('has one block per framework', () => {
    expect(blocks.map((block) => block.label)).toEqual(['Hono', 'Express / Connect', 'Fastify', 'Web fetch handlers', 'node:http']);
  });

  it.each(blocks.map((block, index) => [block.label, index] as const))('%s: runs as pasted', { timeout: 60_000 }, async (_label, index) => {
    const file = join(dir, `block-${index}.ts`);
    writeFileSync(file, blocks[index]!.code);
    const service = await startExampleService(relative(ROOT, file), { HOKUSAI_AUTH_URL: server.url, PORT: '0' });
    try {
      const url = service.url;
      const { api_key, key_info } = await admin.keys.create({ name: 'readme', service_id: 'prediction', scopes: ['predict'], environment: 'test' });
      const accepted = await fetch(`${url}/v1/predict`, { method: 'POST', headers: { Authorization: `Bearer ${api_key}` } });
      expect(accepted.status).toBe(200);
      expect(await accepted.json()).toEqual({ key_id: key_info.key_id, prediction: 0.87 });
      const refused = await fetch(`${url}/v1/predict`, { method: 'POST' });
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({ detail: 'No API key provided', error_code: 'missing_key' });

      // SIGTERM to the process group; its output closes when the service itself has exited.
      await service.stop();
      // The usage record queued for the accepted request was sent before the service exited.
      expect((await admin.usage.stats(key_info.key_id)).total_requests).toBe(1);
      expect(service.stdout() + service.stderr()).not.toContain(api_key);
    } finally {
      await service.stop();
    }
  });
});
