// --help on every command, --version, and the usage errors that exit with 2 before anything
// is sent (the URL points where nothing listens, so a request would exit 1 instead).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN_TOKEN, assertBuilt, runCli, UNKNOWN_KEY, UNREACHABLE_URL } from './helpers';

// Each test spawns node processes, which takes seconds on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

const ENV = { HOKUSAI_AUTH_URL: UNREACHABLE_URL, HOKUSAI_ADMIN_TOKEN: ADMIN_TOKEN };
const KEY_ID = '550e8400-e29b-41d4-a716-446655440000';

beforeAll(assertBuilt);

describe('help', () => {
  it('lists every command at the top level and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: hokusai-auth <command>/);
    for (const command of ['mock', 'keys create', 'keys list', 'keys get', 'keys rotate', 'keys revoke', 'validate', 'usage stats', 'usage billing']) {
      expect(result.stdout).toContain(`  ${command}`);
    }
    expect(result.stdout).toContain('HOKUSAI_AUTH_URL');
    expect(result.stdout).toContain('Exit status');
  });

  it.each([
    [['keys', 'create'], ['--name', '--service', '--scope', '--env', '--expires-in-days', '--rate-limit', '--monthly-limit', '--allowed-ip', '--plan', '--json', '--url', '--admin-token']],
    [['keys', 'list'], ['--service', '--active-only', '--json']],
    [['keys', 'get'], ['<key_id>', '--json']],
    [['keys', 'rotate'], ['<key_id>', '--json']],
    [['keys', 'revoke'], ['<key_id>', '--json']],
    [['validate'], ['<key>', '--service', '--scope', '--ip', '--via', '--json', 'x-api-key']],
    [['usage', 'stats'], ['<key_id>', '--period', '--json']],
    [['usage', 'billing'], ['<key_id>', '--json']],
    [['mock'], ['--port', '--host', '--data', '--memory', '--admin-token', 'SIGTERM']],
  ])('%j --help documents its options and exits 0', async (command, options) => {
    const result = await runCli([...command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(new RegExp(`^Usage: hokusai-auth ${command.join(' ')}`));
    for (const option of options) expect(result.stdout).toContain(option);
  });

  it.each([['keys'], ['usage']])('%s --help lists its subcommands', async (group) => {
    const result = await runCli([group, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: hokusai-auth ${group} <subcommand>`));
    const subcommands = group === 'keys' ? ['create', 'list', 'get', 'rotate', 'revoke'] : ['stats', 'billing'];
    for (const sub of subcommands) expect(result.stdout).toContain(`  ${sub}`);
  });

  it('-h, `help <command>` and a --help among other arguments show the same help', async () => {
    const long = await runCli(['keys', 'create', '--help']);
    for (const args of [['keys', 'create', '-h'], ['help', 'keys', 'create'], ['keys', 'create', '--name', 'x', '--bogus', '--help']]) {
      const result = await runCli(args);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(long.stdout);
    }
  });

  it('validate --help says how the exit status reports an invalid key', async () => {
    const result = await runCli(['validate', '--help']);
    expect(result.stdout).toMatch(/1 when it is not/);
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const result = await runCli(['--version']);
    expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('usage errors exit with 2 and point to --help', () => {
  it.each([
    [[], 'Missing command', 'hokusai-auth --help'],
    [['bogus'], 'Unknown command "bogus"', 'hokusai-auth --help'],
    [['keys'], 'Missing subcommand', 'hokusai-auth keys --help'],
    [['keys', 'delete', KEY_ID], 'Unknown subcommand "keys delete"', 'hokusai-auth keys --help'],
    [['keys', 'list', '--bogus'], "Unknown option '--bogus'", 'hokusai-auth keys list --help'],
    [['keys', 'get'], 'Missing argument <key_id>', 'hokusai-auth keys get --help'],
    [['keys', 'get', KEY_ID, 'extra'], 'Unexpected argument "extra"', 'hokusai-auth keys get --help'],
    [['keys', 'create', '--service', 'prediction'], 'Missing required option --name', 'hokusai-auth keys create --help'],
    [['keys', 'create', '--name', 'x'], 'Missing required option --service', 'hokusai-auth keys create --help'],
    [['keys', 'create', '--name', 'x', '--service', 'prediction', '--rate-limit', 'abc'], '--rate-limit must be a whole number', 'hokusai-auth keys create --help'],
    [['keys', 'create', '--name', 'x', '--service', 'prediction', '--expires-in-days', '1.5'], '--expires-in-days must be a whole number', 'hokusai-auth keys create --help'],
    [['keys', 'create', '--name', 'x', '--service', 'prediction', '--monthly-limit', ''], '--monthly-limit must be a whole number', 'hokusai-auth keys create --help'],
    [['keys', 'create', '--name'], "Option '--name' needs a value", 'hokusai-auth keys create --help'],
    [['validate'], 'Missing argument <key>', 'hokusai-auth validate --help'],
    [['validate', UNKNOWN_KEY, '--via', 'cookie'], '--via must be one of bearer, x-api-key, body', 'hokusai-auth validate --help'],
    [['usage', 'stats'], 'Missing argument <key_id>', 'hokusai-auth usage stats --help'],
    [['usage', 'billing', KEY_ID, '--period', '2025-01'], "Unknown option '--period'", 'hokusai-auth usage billing --help'],
    [['mock', '--port', 'abc'], '--port must be an integer', 'hokusai-auth mock --help'],
    [['mock', '--bogus'], "Unknown option '--bogus'", 'hokusai-auth mock --help'],
  ])('%j', async (args, message, helpHint) => {
    const result = await runCli(args, ENV);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain(`Run '${helpHint}' for usage.`);
  });

  it('a command that needs the admin token says how to give it, without sending anything', async () => {
    for (const args of [['keys', 'list'], ['keys', 'get', KEY_ID], ['usage', 'billing', KEY_ID]]) {
      const result = await runCli(args, { HOKUSAI_AUTH_URL: UNREACHABLE_URL });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('needs an admin token');
      expect(result.stderr).toContain('HOKUSAI_ADMIN_TOKEN');
      expect(result.stderr).toContain('--admin-token');
    }
  });

  it('an empty --admin-token counts as missing', async () => {
    const result = await runCli(['keys', 'list', '--admin-token', ''], { HOKUSAI_AUTH_URL: UNREACHABLE_URL });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('needs an admin token');
  });

  it('a --url that is not an http(s) URL is a usage error', async () => {
    const result = await runCli(['keys', 'list', '--url', 'auth.hokus.ai'], { HOKUSAI_ADMIN_TOKEN: ADMIN_TOKEN });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--url / HOKUSAI_AUTH_URL');
    expect(result.stderr).not.toContain(ADMIN_TOKEN);
  });
});
