// `hokusai-auth login --private-key-env VAR`: signs the SIWE challenge with a local key (dev and
// tests only, and it says so), stores nothing, prints the token only with --json.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HokusaiAuth } from '../../src/platform';
import { assertBuilt, printed, runCli, startStub, type Stub } from './helpers';
import { login, OWNER_ADDRESS, OWNER_KEY } from './platform-helpers';

vi.setConfig({ testTimeout: 60_000 });

let stub: Stub;
const tokens: string[] = [];

beforeAll(async () => {
  assertBuilt();
  stub = await startStub();
});

afterAll(async () => {
  await stub?.server.close();
  // The private key is never printed, whatever the outcome.
  for (const text of printed) expect(text).not.toContain(OWNER_KEY.slice(2));
});

describe('login', () => {
  it('--json prints the session with the access token; the server knows the user from then on', async () => {
    const session = await login(stub, OWNER_KEY);
    tokens.push(session.access_token);
    expect(session).toMatchObject({ wallet_address: OWNER_ADDRESS, is_new_user: true, token_type: 'bearer' });
    await expect(new HokusaiAuth({ baseUrl: stub.server.url }).tokens.validate(session.access_token)).resolves.toMatchObject({ valid: true, user_id: session.user_id });
    // The same key again: the same user, not new.
    await expect(login(stub, OWNER_KEY.slice(2))).resolves.toMatchObject({ user_id: session.user_id, is_new_user: false });
  });

  it('says it is for development and tests only, and without --json shows who signed in but no token', async () => {
    const result = await runCli(['login', '--private-key-env', 'MY_KEY'], { ...stub.env, MY_KEY: OWNER_KEY });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('for development and tests only');
    expect(result.stdout).toContain(`Signed in as:`);
    expect(result.stdout).toContain(OWNER_ADDRESS);
    expect(result.stdout).toContain('The access token is printed only with --json.');
    expect(result.stdout + result.stderr).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
  });

  it.each([
    [['login'], {}, 'Missing required option --private-key-env'],
    [['login', '--private-key-env', 'UNSET_KEY'], {}, 'The environment variable UNSET_KEY is not set or empty'],
    [['login', '--private-key-env', 'BAD_KEY'], { BAD_KEY: 'not-a-key-but-a-secret-phrase' }, 'BAD_KEY must hold a private key: 32 bytes of hex'],
    [['login', '--private-key-env', 'BAD_KEY'], { BAD_KEY: `0x${'00'.repeat(32)}` }, 'BAD_KEY must hold a private key'],
  ] as const)('bad input %j: exit 2 with a clear message, nothing sent', async (args, env, message) => {
    const result = await runCli(args, { ...stub.env, ...env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain("Run 'hokusai-auth login --help'");
    expect(result.stderr).not.toContain('not-a-key-but-a-secret-phrase');
  });

  it('an unreachable server is exit 1 with a hint', async () => {
    const result = await runCli(['login', '--private-key-env', 'K', '--url', 'http://127.0.0.1:9'], { K: OWNER_KEY });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Is the server running?');
  });

  it('--help explains the flow and the dev-only use', async () => {
    const result = await runCli(['login', '--help'], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: hokusai-auth login --private-key-env <VAR>');
    expect(result.stdout).toContain('For development and');
  });
});
