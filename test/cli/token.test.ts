// `hokusai-auth token validate`: exit 0 for a good access token, 1 for a refused one, the
// token itself never printed.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { assertBuilt, printed, runCli, startStub, type Stub } from './helpers';
import { login, OWNER_KEY, type Login } from './platform-helpers';

vi.setConfig({ testTimeout: 60_000 });

let stub: Stub;
let session: Login;

beforeAll(async () => {
  assertBuilt();
  stub = await startStub();
  session = await login(stub, OWNER_KEY);
});

afterAll(async () => {
  await stub?.server.close();
  const token = session?.access_token;
  // Only login --json prints the token; validate never echoes it.
  for (const text of printed.filter((t) => !t.includes('"access_token"'))) if (token) expect(text).not.toContain(token);
});

describe('token validate', () => {
  it('a good token from stdin: exit 0, the user and permissions', async () => {
    const result = await runCli(['token', 'validate', '-', '--service', 'prediction'], stub.env, session.access_token);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Valid: +yes$/m);
    expect(result.stdout).toContain(session.user_id);
    expect(result.stdout).toMatch(/^Permissions: +predict, read$/m);
  });

  it('--json prints the answer as is', async () => {
    const result = await runCli(['token', 'validate', session.access_token, '--json'], stub.env);
    expect(JSON.parse(result.stdout)).toEqual({ valid: true, user_id: session.user_id, wallet_address: session.wallet_address, permissions: ['predict', 'read'] });
  });

  it('a token the service may not use, or not this server\'s: exit 1 with the reason', async () => {
    const wrongService = await runCli(['token', 'validate', '-', '--service', 'payroll'], stub.env, session.access_token);
    expect(wrongService.code).toBe(1);
    expect(wrongService.stdout).toMatch(/^Error: +Token not valid for this service$/m);
    const forged = await runCli(['token', 'validate', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', '--json'], stub.env);
    expect(forged.code).toBe(1);
    expect(JSON.parse(forged.stdout)).toEqual({ valid: false, error: 'Invalid token' });
  });

  it('an expired token: exit 1, "Token expired"', async () => {
    stub.server.app.controls!.clock.advance(25 * 3_600_000);
    try {
      const result = await runCli(['token', 'validate', '-'], stub.env, session.access_token);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^Error: +Token expired$/m);
    } finally {
      stub.server.app.controls!.clock.advance(-25 * 3_600_000);
    }
  });

  it('no token: exit 2', async () => {
    const empty = await runCli(['token', 'validate', '-'], stub.env, '  \n');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('The token is empty');
    const missing = await runCli(['token', 'validate'], stub.env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Missing argument <token>');
  });
});
