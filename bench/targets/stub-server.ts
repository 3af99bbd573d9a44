/**
 * The stub server under load, in its own process: `startServer` on a free loopback port with
 * the memory or the SQLite store, seeded through the server's own engine. Prints one ready line
 * (`{"ready":true,"url":…,"keys":[…]}`) with the keys the load generator should use.
 *
 * Usage: node --import tsx bench/targets/stub-server.ts --store memory|sqlite [--file db]
 *        --keys <total keys in the store> --bench-keys <keys to hand out> [--general-path-only]
 *        [--root <checkout>]
 *
 * The server is the built package (`<root>/dist`, what `npx hokusai-auth mock` runs) when there
 * is one, else the source through tsx; `--root` (default: this checkout) lets the benchmark run
 * another checkout the same way. The ready line says which (`"built"`).
 *
 * `--general-path-only` (memory only) serves the same app through @hono/node-server alone,
 * without the Node hot path for validations: the baseline that shows what the hot path gains.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';

const { values } = parseArgs({
  options: {
    store: { type: 'string', default: 'memory' },
    file: { type: 'string' },
    keys: { type: 'string', default: '10' },
    'bench-keys': { type: 'string', default: '8' },
    'general-path-only': { type: 'boolean', default: false },
    root: { type: 'string', default: fileURLToPath(new URL('../..', import.meta.url)) },
  },
});
const root = resolve(values.root);
const built = existsSync(join(root, 'dist/server/node.js'));
const entry = (name: string) => pathToFileURL(join(root, built ? `dist/server/${name}.js` : `src/server/${name}.ts`)).href;
const { createApp, MemoryStore, requestSchemas } = (await import(entry('index'))) as typeof import('../../src/server');
const { nodeHmacHasher, startServer } = (await import(entry('node'))) as typeof import('../../src/server/node');
const createKeyBody = requestSchemas.createKey.body;
const totalKeys = Number(values.keys);
const benchKeys = Number(values['bench-keys']);
if (values.store === 'sqlite' && !values.file) throw new Error('--store sqlite needs --file');

const server = values['general-path-only']
  ? await startGeneralPathOnly()
  : await startServer({
      port: 0,
      host: '127.0.0.1',
      adminToken: 'bench-admin-token',
      quiet: true,
      ...(values.store === 'sqlite' ? { dataFile: values.file } : { memory: true }),
    });
const { engine } = server.app;

// The keys the benchmark validates: the highest hourly limit the API allows.
const keys: string[] = [];
for (let i = 0; i < benchKeys; i += 1) {
  const created = await engine.createKey(createKeyBody.parse({ name: `bench ${i}`, service_id: 'prediction', scopes: ['predict'], rate_limit_per_hour: 100_000 }));
  keys.push(created.api_key);
}
// Filler keys, so lookups happen in a store of the requested size.
for (let i = keys.length; i < totalKeys; i += 1) {
  await engine.createKey(createKeyBody.parse({ name: `filler ${i}`, service_id: i % 2 ? 'prediction' : 'platform' }));
}

console.log(JSON.stringify({ ready: true, url: server.url, keys, built }));

const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

/** `startServer` as it would be without the hot path: every request through `app.fetch`. */
async function startGeneralPathOnly() {
  const app = createApp({ store: new MemoryStore(), hasher: nodeHmacHasher, adminToken: 'bench-admin-token', logger: { error: () => undefined } });
  const listening = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: (request, env) => app.fetch(request, env), port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = listening.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      (listening as { closeAllConnections?: () => void }).closeAllConnections?.();
      listening.close(() => resolve());
    });
  return { app, url: `http://127.0.0.1:${port}`, close };
}
