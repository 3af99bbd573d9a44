// balance get|set <owner> against a local stub server with test controls on.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../src/server';
import { startServer, type RunningServer } from '../../src/server/node';
import { ADMIN_TOKEN, assertBuilt, NOW, printed, runCli, startStub, type Stub } from './helpers';

// Each test spawns node processes, which takes seconds on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

let server: RunningServer;
let env: Record<string, string>;
let plain: Stub;

beforeAll(async () => {
  assertBuilt();
  server = await startServer({ port: 0, memory: true, adminToken: ADMIN_TOKEN, clock: new ManualClock(NOW), quiet: true, testControls: true });
  env = { HOKUSAI_AUTH_URL: server.url, HOKUSAI_ADMIN_TOKEN: ADMIN_TOKEN };
  plain = await startStub();
});

afterAll(async () => {
  await server?.close();
  await plain?.server.close();
  for (const text of printed) expect(text).not.toContain(ADMIN_TOKEN);
});

describe('balance', () => {
  it('set changes the parts given and get shows them, to the micro-dollar', async () => {
    const set = await runCli(['balance', 'set', 'admin', '--settled', '0.0005', '--pending', '5', '--json'], env);
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toEqual({ owner: 'admin', settled: 0.0005, pending: 5 });
    await runCli(['balance', 'set', 'admin', '--pending', '2'], env);
    const get = await runCli(['balance', 'get', 'admin'], env);
    expect(get.code).toBe(0);
    expect(get.stdout).toMatch(/Owner:\s+admin\nSettled:\s+\$0\.0005\nPending:\s+\$2\.00\n/);
  });

  it('set refuses a server that is not on this machine, and bad amounts, as usage errors', async () => {
    const remote = await runCli(['balance', 'set', 'admin', '--settled', '1', '--url', 'https://auth.hokus.ai'], env);
    expect(remote.code).toBe(2);
    expect(remote.stderr).toContain('only against a local server');
    const negative = await runCli(['balance', 'set', 'admin', '--settled=-1'], env);
    expect(negative.code).toBe(2);
    expect(negative.stderr).toContain('--settled must be a number');
    const nothing = await runCli(['balance', 'set', 'admin'], env);
    expect(nothing.code).toBe(2);
  });

  it('says what is missing when the server has no test controls', async () => {
    const result = await runCli(['balance', 'get', 'admin'], plain.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--test-controls');
  });
});
