// examples/quickstart.ts against a stub server started here: the quickstart's three steps
// through the SDK, printing what the quickstart prints and the full key only once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HokusaiAuth } from '../../src/client';
import { startServer, type RunningServer } from '../../src/server/node';
import { runExample } from './run-example';

const ADMIN = 'examples-admin-token-quickstart';
const FULL_KEY = /hk_(?:live|test|dev)_[A-Za-z0-9]{32}/;
let server: RunningServer;
let stdout: string;
let stderr: string;
let code: number | null;

beforeAll(async () => {
  server = await startServer({ port: 0, memory: true, adminToken: ADMIN, quiet: true });
  ({ code, stdout, stderr } = await runExample('examples/quickstart.ts', { HOKUSAI_AUTH_URL: server.url, HOKUSAI_ADMIN_TOKEN: ADMIN }));
});
afterAll(async () => {
  await server?.close();
});

describe('examples/quickstart.ts', () => {
  it('runs to the end without errors', () => {
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('creates the key with the quickstart body and prints it once, on the "save it now" line', async () => {
    const lines = stdout.trim().split('\n');
    const withKey = lines.filter((line) => FULL_KEY.test(line));
    expect(withKey).toHaveLength(1);
    expect(withKey[0]).toMatch(/^Your API key: hk_test_[A-Za-z0-9]{32} \(save it now, as it cannot be retrieved again\)$/);
    expect(stdout.match(new RegExp(FULL_KEY.source, 'g'))).toHaveLength(1);

    const [key] = await new HokusaiAuth({ baseUrl: server.url, adminToken: ADMIN }).keys.list();
    expect(key).toMatchObject({ name: 'My First Key', service_id: 'prediction', scopes: ['predict'], environment: 'test', user_id: 'admin' });
    expect(lines[1]).toBe(`Key prefix: ${key!.key_prefix} (key_id ${key!.key_id})`);
    expect(withKey[0]).toContain(key!.key_prefix.replace('***', ''));
  });

  it('validates for the prediction service and prints the quickstart lines', () => {
    expect(stdout).toContain('\nValid: true\n');
    expect(stdout).toContain('\nScopes: ["predict"]\n');
  });

  it('lists the models with the key (step 3), naming the key only by its mask', async () => {
    expect(stdout).toMatch(/\nModels available to hk_test_[A-Za-z0-9]{3}\*\*\*: hokusai-tabular-v1, hokusai-text-v1\n$/);
    const [key] = server.app.engine.listKeys();
    // Step 2's validation and step 3's call both used the key; step 3 recorded one use.
    expect(key!.last_used_at).not.toBeNull();
    expect(server.app.engine.usageStats(key!.key_id)).toMatchObject({ total_requests: 1, top_endpoints: [{ endpoint: '/v1/models', count: 1 }] });
  });

  it('never prints the admin token', () => {
    expect(stdout + stderr).not.toContain(ADMIN);
  });
});
