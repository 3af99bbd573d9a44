// keys create|list|get|rotate|revoke against a live stub server, in --json and table mode.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ADMIN_TOKEN,
  API_KEY_PATTERN,
  assertBuilt,
  createKey,
  printed,
  runCli,
  runJson,
  startStub,
  UNREACHABLE_URL,
  type Stub,
} from './helpers';

// Each test spawns node processes, which takes seconds on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

let stub: Stub;

beforeAll(async () => {
  assertBuilt();
  stub = await startStub();
});

afterAll(async () => {
  await stub?.server.close();
  // Whatever the command and outcome, the admin token is never printed.
  for (const text of printed) expect(text).not.toContain(ADMIN_TOKEN);
});

describe('--json mode: the API JSON as is', () => {
  it('create -> list -> get -> rotate -> revoke round trip', async () => {
    const created = await createKey(stub.env, ['--scope', 'predict', '--env', 'test']);
    expect(created.api_key).toMatch(/^hk_test_[A-Za-z0-9]{32}$/);
    expect(created.key_info).toMatchObject({
      name: 'CLI test key',
      service_id: 'prediction',
      scopes: ['predict'],
      environment: 'test',
      is_active: true,
      key_prefix: created.api_key.slice(0, 11) + '***',
    });
    const id = created.key_info.key_id;

    const listed = await runJson<Array<Record<string, unknown>>>(['keys', 'list'], stub.env);
    expect(listed.map((key) => key.key_id)).toContain(id);
    expect(JSON.stringify(listed)).not.toContain(created.api_key);

    expect(await runJson(['keys', 'get', id], stub.env)).toEqual(created.key_info);

    const rotated = await runJson<{ api_key: string; key_info: Record<string, unknown> }>(['keys', 'rotate', id], stub.env);
    expect(rotated.api_key).toMatch(/^hk_test_/);
    expect(rotated.api_key).not.toBe(created.api_key);
    expect(rotated.key_info).toMatchObject({ name: 'CLI test key', scopes: ['predict'], is_active: true });
    expect(rotated.key_info.key_id).not.toBe(id);
    expect(await runJson(['keys', 'get', id], stub.env)).toMatchObject({ is_active: false });

    const newId = rotated.key_info.key_id as string;
    expect(await runJson(['keys', 'revoke', newId], stub.env)).toEqual({ message: 'API key revoked successfully' });
    expect(await runJson(['keys', 'get', newId], stub.env)).toMatchObject({ is_active: false });
  });

  it('create passes every option to the API', async () => {
    const { key_info } = await createKey(stub.env, [
      '--scope', 'predict',
      '--scope', 'read,write',
      '--env', 'dev',
      '--expires-in-days', '30',
      '--rate-limit', '500',
      '--monthly-limit', '1000',
      '--allowed-ip', '203.0.113.0/24',
      '--allowed-ip', '2001:db8::1',
      '--plan', 'pro',
    ]);
    expect(key_info).toMatchObject({
      scopes: ['predict', 'read', 'write'],
      environment: 'development',
      rate_limit_per_hour: 500,
      monthly_prediction_limit: 1000,
      allowed_ips: ['203.0.113.0/24', '2001:db8::1'],
      billing_plan: 'pro',
      expires_at: '2025-02-14T10:30:00Z',
    });
  });

  it('list filters by --service and --active-only', async () => {
    const platform = await runJson<{ key_info: { key_id: string } }>(
      ['keys', 'create', '--name', 'platform key', '--service', 'platform'],
      stub.env,
    );
    const revoked = await createKey(stub.env);
    await runJson(['keys', 'revoke', revoked.key_info.key_id], stub.env);

    const byService = await runJson<Array<{ key_id: string; service_id: string }>>(['keys', 'list', '--service', 'platform'], stub.env);
    expect(byService.map((key) => key.key_id)).toContain(platform.key_info.key_id);
    expect(byService.every((key) => key.service_id === 'platform')).toBe(true);

    const active = await runJson<Array<{ key_id: string; is_active: boolean }>>(['keys', 'list', '--active-only'], stub.env);
    expect(active.map((key) => key.key_id)).not.toContain(revoked.key_info.key_id);
    expect(active.every((key) => key.is_active)).toBe(true);
  });

  it('the warning to store the key goes to stderr, so stdout stays valid JSON', async () => {
    const result = await runCli(['keys', 'create', '--name', 'piped', '--service', 'prediction', '--json'], stub.env);
    expect(result.code).toBe(0);
    expect(() => JSON.parse(result.stdout)).not.toThrow();
    expect(result.stderr).toMatch(/store this API key securely now/);
  });
});

describe('table mode', () => {
  it('create prints the full key once, with a warning; other commands only mask it', async () => {
    const result = await runCli(['keys', 'create', '--name', 'Table key', '--service', 'prediction', '--scope', 'predict', '--env', 'test'], stub.env);
    expect(result.code).toBe(0);
    const keys = result.stdout.match(API_KEY_PATTERN) ?? [];
    expect(keys).toHaveLength(1);
    const apiKey = keys[0] as string;
    expect(result.stdout).toMatch(new RegExp(`^API key: +${apiKey}$`, 'm'));
    expect(result.stdout).toMatch(/^Name: +Table key$/m);
    expect(result.stdout).toMatch(/^Scopes: +predict$/m);
    expect(result.stderr).toMatch(/shown only once/);
    const id = /^Key ID: +(\S+)$/m.exec(result.stdout)?.[1] as string;
    const prefix = `${apiKey.slice(0, 11)}***`;

    const list = await runCli(['keys', 'list'], stub.env);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^KEY ID +NAME +PREFIX +SERVICE +ENV +ACTIVE +SCOPES +EXPIRES +LAST USED$/m);
    const row = list.stdout.split('\n').find((line) => line.startsWith(id)) ?? '';
    expect(row).toContain(prefix);
    expect(row).toMatch(/Table key +hk_test_\w{3}\*\*\* +prediction +test +yes +predict +never +never$/);
    expect(list.stdout).toMatch(/^\d+ keys$/m);

    const get = await runCli(['keys', 'get', id], stub.env);
    expect(get.code).toBe(0);
    expect(get.stdout).toMatch(new RegExp(`^Key prefix: +${prefix.replace(/\*/g, '\\*')}$`, 'm'));
    expect(get.stdout).toMatch(/^Active: +yes$/m);

    const rotate = await runCli(['keys', 'rotate', id], stub.env);
    expect(rotate.code).toBe(0);
    const newKeys = rotate.stdout.match(API_KEY_PATTERN) ?? [];
    expect(newKeys).toHaveLength(1);
    expect(newKeys[0]).not.toBe(apiKey);
    expect(rotate.stderr).toMatch(/shown only once/);
    const newId = /^Key ID: +(\S+)$/m.exec(rotate.stdout)?.[1] as string;

    const revoke = await runCli(['keys', 'revoke', newId], stub.env);
    expect(revoke).toMatchObject({ code: 0, stdout: `API key revoked successfully: ${newId}\n` });

    const after = await runCli(['keys', 'get', newId], stub.env);
    expect(after.stdout).toMatch(/^Active: +no$/m);

    for (const output of [list, get, revoke, after]) expect(output.stdout + output.stderr).not.toMatch(API_KEY_PATTERN);
  });

  it('a list with no match says so', async () => {
    const result = await runCli(['keys', 'list', '--service', 'platform', '--active-only'], {
      ...stub.env,
      HOKUSAI_AUTH_URL: (await startEmpty()).url,
    });
    expect(result).toMatchObject({ code: 0, stdout: 'No API keys found.\n' });
  });
});

describe('API errors exit with 1 and print the server detail on stderr', () => {
  it('an unknown key id', async () => {
    const result = await runCli(['keys', 'get', '550e8400-e29b-41d4-a716-446655440000'], stub.env);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Error: API key not found \(HTTP 404\)$/m);
    expect(result.stderr).toMatch(/^Request ID: \S+$/m);
  });

  it('a value the server refuses names the field', async () => {
    const result = await runCli(['keys', 'create', '--name', 'x', '--service', 'prediction', '--rate-limit', '5'], stub.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\(HTTP 400\)/);
    expect(result.stderr).toMatch(/^ {2}rate_limit_per_hour: /m);
  });

  it('revoking twice: the second is refused or reported, never a crash', async () => {
    const { key_info } = await createKey(stub.env);
    expect((await runCli(['keys', 'revoke', key_info.key_id], stub.env)).code).toBe(0);
    const rotate = await runCli(['keys', 'rotate', key_info.key_id], stub.env);
    expect(rotate.code).toBe(1);
    expect(rotate.stderr).toMatch(/\(HTTP 400\)/);
  });

  it('a wrong admin token (from the flag) is a 401, and the token is not echoed', async () => {
    const wrong = 'wrong-admin-token-abcdef0123456789';
    const result = await runCli(['keys', 'list', '--admin-token', wrong], { HOKUSAI_AUTH_URL: stub.server.url });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Invalid authentication credentials (HTTP 401)');
    expect(result.stdout + result.stderr).not.toContain(wrong);
  });

  it('an unreachable server', async () => {
    const result = await runCli(['keys', 'list'], { HOKUSAI_AUTH_URL: UNREACHABLE_URL, HOKUSAI_ADMIN_TOKEN: ADMIN_TOKEN });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('could not reach http://127.0.0.1:9');
  });

  it('--url and --admin-token flags override the environment', async () => {
    const result = await runCli(['keys', 'list', '--json', '--url', stub.server.url, '--admin-token', ADMIN_TOKEN], {
      HOKUSAI_AUTH_URL: UNREACHABLE_URL,
      HOKUSAI_ADMIN_TOKEN: 'not-the-admin-token-0000000000',
    });
    expect(result.code).toBe(0);
    expect(Array.isArray(JSON.parse(result.stdout))).toBe(true);
  });

  it('global options may come before the command', async () => {
    const result = await runCli(['--json', '--url', stub.server.url, 'keys', 'list'], { HOKUSAI_ADMIN_TOKEN: ADMIN_TOKEN });
    expect(result.code).toBe(0);
    expect(Array.isArray(JSON.parse(result.stdout))).toBe(true);
  });
});

const empties: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(empties.map((server) => server.close()));
});

/** A second, empty stub server. */
async function startEmpty(): Promise<{ url: string }> {
  const { server } = await startStub();
  empties.push(server);
  return server;
}
