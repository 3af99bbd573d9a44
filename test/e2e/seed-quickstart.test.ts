// The published quickstart, word for word against `npm start -- --quickstart` with only the host
// changed: its three curl commands and its Python steps 1 and 2.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type StartedProcess as ServerProcess } from '../support/processes';
import { pythonWithRequests } from './python';
import { seedCurlCommands, seedPythonSteps, withLocalHost } from './seed-quickstart';

const run = promisify(execFile);
const SEED_KEY = 'hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456';
let server: ServerProcess;

beforeAll(async () => {
  server = await startServerProcess(['--quickstart', '--port', '0']);
});
afterAll(async () => {
  server.child.kill('SIGTERM');
  await server.exited;
});

/** Runs a command of the seed in bash, as a reader pastes it into a terminal. */
async function bash(command: string): Promise<string> {
  const { stdout } = await run('bash', ['-c', command], { timeout: 15_000 });
  return stdout;
}

describe('the quickstart, word for word', () => {
  it('finds the three curl commands of the seed', () => {
    const commands = seedCurlCommands();
    expect(commands).toHaveLength(3);
    expect(commands[0]).toContain('Bearer YOUR_ADMIN_TOKEN');
    expect(commands[1]).toContain(`Bearer ${SEED_KEY}`);
    expect(commands[2]).toContain('/v1/models');
  });

  it('step 1 (curl) creates a key with the fields of the seed', async () => {
    const body = JSON.parse(await bash(withLocalHost(seedCurlCommands()[0]!, server.url)));
    expect(body.api_key).toMatch(/^hk_test_[A-Za-z0-9]{32}$/);
    expect(body.key_info).toMatchObject({
      name: 'My First Key',
      service_id: 'prediction',
      scopes: ['predict'],
      environment: 'test',
      is_active: true,
      rate_limit_per_hour: 1000,
      key_prefix: `${body.api_key.slice(0, 11)}***`,
    });
  });

  it('step 2 (curl) validates the seed key', async () => {
    const body = JSON.parse(await bash(withLocalHost(seedCurlCommands()[1]!, server.url)));
    expect(body).toMatchObject({ is_valid: true, user_id: 'admin', service_id: 'prediction', scopes: ['predict'], rate_limit_per_hour: 1000, billing_plan: 'free' });
  });

  it('step 3 (curl) calls a Hokusai service with the key', async () => {
    const body = JSON.parse(await bash(withLocalHost(seedCurlCommands()[2]!, server.url)));
    expect(body.models.length).toBeGreaterThan(0);
    expect(body.models[0]).toEqual(expect.objectContaining({ id: expect.any(String), name: expect.any(String) }));
  });

  it('steps 1 and 2 in Python (requests) print the key and a valid result', async () => {
    const python = await pythonWithRequests();
    const { stdout } = await run(python, ['-c', withLocalHost(seedPythonSteps(), server.url)], { timeout: 15_000 });
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Your API key: hk_test_[A-Za-z0-9]{32}$/);
    expect(lines.slice(1)).toEqual(['Valid: True', "Scopes: ['predict']"]);
  });
});
