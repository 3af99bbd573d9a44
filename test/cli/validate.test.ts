// validate <key>: exit 0 for a valid key, 1 for a refused one, the key itself always masked.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN_TOKEN, assertBuilt, createKey, printed, runCli, startStub, UNKNOWN_KEY, type Stub } from './helpers';
import { validationSuccess } from '../support/fixtures';

// Each test spawns node processes, which takes seconds on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

let stub: Stub;
/** Validation needs no admin token: the CLI gets only the URL. */
let publicEnv: Record<string, string>;
let apiKey: string;
let keyId: string;

beforeAll(async () => {
  assertBuilt();
  stub = await startStub();
  publicEnv = { HOKUSAI_AUTH_URL: stub.server.url };
  const created = await createKey(stub.env, ['--scope', 'predict', '--env', 'test']);
  apiKey = created.api_key;
  keyId = created.key_info.key_id;
});

afterAll(async () => {
  await stub?.server.close();
  for (const text of printed) expect(text).not.toContain(ADMIN_TOKEN);
});

describe('a valid key', () => {
  it('prints the verdict and the key details with the key masked, exit 0', async () => {
    const result = await runCli(['validate', apiKey, '--service', 'prediction', '--scope', 'predict'], publicEnv);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Valid: +yes$/m);
    expect(result.stdout).toMatch(new RegExp(`^Key: +${apiKey.slice(0, 11)}\\*\\*\\*$`, 'm'));
    expect(result.stdout).toMatch(new RegExp(`^Key ID: +${keyId}$`, 'm'));
    expect(result.stdout).toMatch(/^Scopes: +predict$/m);
    expect(result.stdout + result.stderr).not.toContain(apiKey);
  });

  it('--json prints the API result as is', async () => {
    const result = await runCli(['validate', apiKey, '--json'], publicEnv);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(validationSuccess(keyId));
  });

  it.each(['bearer', 'x-api-key', 'body'])('--via %s sends the key that way', async (via) => {
    const result = await runCli(['validate', apiKey, '--via', via, '--json'], publicEnv);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ is_valid: true, key_id: keyId });
  });

  it("'-' reads the key from standard input", async () => {
    const result = await runCli(['validate', '-', '--json'], publicEnv, `${apiKey}\n`);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ is_valid: true, key_id: keyId });
  });

  it('an empty key on standard input is a usage error', async () => {
    const result = await runCli(['validate', '-'], publicEnv, '\n');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('The API key is empty');
  });
});

describe('a key that is not valid: the result is printed and the exit status is 1', () => {
  it.each([
    ['an unknown key', () => [UNKNOWN_KEY], 'invalid_key', 'Invalid API key'],
    ['a malformed key', () => ['not-a-key'], 'invalid_key', 'Invalid API key'],
    ['the wrong service', () => [apiKey, '--service', 'platform'], 'service_mismatch', 'Key not authorized for this service'],
    ['a missing scope', () => [apiKey, '--scope', 'admin'], 'insufficient_scope', 'Key does not have required scope'],
  ])('%s', async (_, args, code, error) => {
    const table = await runCli(['validate', ...args()], publicEnv);
    expect(table.code).toBe(1);
    expect(table.stdout).toMatch(/^Valid: +no$/m);
    expect(table.stdout).toMatch(new RegExp(`^Error: +${error}$`, 'm'));
    expect(table.stdout).toMatch(new RegExp(`^Error code: +${code}$`, 'm'));
    expect(table.stdout + table.stderr).not.toMatch(/hk_test_[A-Za-z0-9]{8,}/);

    const json = await runCli(['validate', ...args(), '--json'], publicEnv);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ is_valid: false, key_id: null, error, error_code: code });
  });

  it('an IP allowlist is checked against --ip', async () => {
    const { api_key } = await createKey(stub.env, ['--allowed-ip', '203.0.113.0/24']);
    expect((await runCli(['validate', api_key, '--ip', '203.0.113.7'], publicEnv)).code).toBe(0);
    const refused = await runCli(['validate', api_key, '--ip', '198.51.100.1', '--json'], publicEnv);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ is_valid: false, error_code: 'ip_not_allowed' });
  });

  it('a revoked key', async () => {
    const created = await createKey(stub.env);
    await runCli(['keys', 'revoke', created.key_info.key_id], stub.env);
    const result = await runCli(['validate', created.api_key, '--json'], publicEnv);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ is_valid: false, error_code: 'revoked' });
  });
});
