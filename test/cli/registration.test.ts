// register, registration …, registrations …, whitelist …, bans … and outbox: help, usage
// errors (exit 2, nothing sent), and the whole lifecycle against a local server with test
// controls, as an applicant and an operator would type it.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/node';
import { ADMIN_TOKEN, assertBuilt, runCli, UNREACHABLE_URL } from './helpers';
import { cli } from './run-in-process';

vi.setConfig({ testTimeout: 60_000 });

const FULL_KEY = /hk_(?:live|test|dev)_[A-Za-z0-9]{32}/;
let server: RunningServer;
let plain: RunningServer;
let env: Record<string, string>;
const outputs: string[] = [];

async function ok(args: readonly string[]): Promise<string> {
  const result = await cli(args, env);
  outputs.push(result.stdout, result.stderr);
  expect(result.code, `${args.join(' ')}\n${result.stderr}`).toBe(0);
  return result.stdout;
}

async function okJson<T>(args: readonly string[]): Promise<T> {
  return JSON.parse(await ok([...args, '--json'])) as T;
}

/** The token of the newest link carrying `param` in a mail to `to`, read with `outbox --json`. */
async function mailedToken(to: string, param: string): Promise<string> {
  const mails = await okJson<{ links: string[] }[]>(['outbox', '--to', to]);
  const link = mails.flatMap((mail) => mail.links).findLast((url) => new URL(url).searchParams.has(param));
  expect(link).toBeDefined();
  return new URL(link!).searchParams.get(param)!;
}

beforeAll(async () => {
  server = await startServer({ port: 0, memory: true, quiet: true, testControls: true, adminToken: ADMIN_TOKEN });
  plain = await startServer({ port: 0, memory: true, quiet: true, adminToken: ADMIN_TOKEN });
  env = { HOKUSAI_AUTH_URL: server.url, HOKUSAI_ADMIN_TOKEN: ADMIN_TOKEN };
});
beforeEach(() => server.app.controls!.reset());
afterAll(async () => {
  await server?.close();
  await plain?.close();
  for (const text of outputs) expect(text).not.toContain(ADMIN_TOKEN);
});

describe('help and usage errors', () => {
  it.each([
    [['register'], ['--org', '--email', '--name', '--use-case', '--website', '--captcha-token', '--url', '--json']],
    [['registration', 'status'], ['<email>']],
    [['registration', 'verify'], ['<token>']],
    [['registration', 'claim'], ['<token>', 'once']],
    [['registration', 'limits'], ['--email']],
    [['registrations', 'list'], ['--status', '--limit', '--all', '--admin-token']],
    [['registrations', 'get'], ['<id>']],
    [['registrations', 'approve'], ['<id>', '--reason']],
    [['registrations', 'reject'], ['<id>', '--reason']],
    [['whitelist', 'add'], ['--ip', '--domain', '--note', '--disabled']],
    [['whitelist', 'disable'], ['<id>']],
    [['bans', 'get'], ['<ip>']],
    [['bans', 'lift'], ['<ip>']],
    [['outbox'], ['--to', '--last', '--text', '--test-controls']],
  ])('%j --help documents its options', async (command, words) => {
    const result = await cli([...command, '--help']);
    expect(result.code).toBe(0);
    for (const word of words) expect(result.stdout).toContain(word);
  });

  it('the top-level help lists the new commands', async () => {
    const { stdout } = await cli(['--help']);
    for (const command of ['register', 'registration claim <token>', 'registrations approve <id>', 'whitelist add', 'bans lift <ip>', 'outbox']) {
      expect(stdout).toContain(`  ${command}`);
    }
  });

  it.each([
    [['register', '--org', 'Acme', '--name', 'Jane', '--use-case', 'x'], 'Missing required option --email'],
    [['register', '--org', 'Acme', '--email', 'a@b.co', '--name', 'Jane', '--use-case', ' '], 'Missing required option --use-case'],
    [['registration', 'claim'], 'Missing argument <token>'],
    [['registrations', 'get'], 'Missing argument <id>'],
    [['registrations', 'reject', 'f47ac10b-58cc-4372-a567-0e02b2c3d479'], 'Missing required option --reason'],
    [['registrations', 'list', '--limit', '0'], '--limit must be at least 1'],
    [['registrations', 'list', '--limit', 'ten'], '--limit must be a whole number'],
    [['registrations', 'list', '--limit', '5', '--all'], 'Give --limit or --all, not both'],
    [['whitelist', 'add'], 'Give exactly one of --ip or --domain'],
    [['whitelist', 'add', '--ip', '203.0.113.7', '--domain', 'acme.ai'], 'Give exactly one of --ip or --domain'],
    [['bans', 'get'], 'Missing argument <ip>'],
    [['registrations', 'list', '--bogus'], "Unknown option '--bogus'"],
  ])('%j exits 2: %s', async (args, message) => {
    const result = await cli(args, { HOKUSAI_AUTH_URL: UNREACHABLE_URL, HOKUSAI_ADMIN_TOKEN: ADMIN_TOKEN });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('an admin command without a token exits 2 and says how to give one', async () => {
    for (const args of [['registrations', 'list'], ['outbox'], ['bans', 'get', '203.0.113.7']]) {
      const result = await cli(args, { HOKUSAI_AUTH_URL: server.url });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain('HOKUSAI_ADMIN_TOKEN');
    }
  });
});

describe('outbox', () => {
  it('shows each mail with its links, filters by recipient and --last, prints JSON as the server sends it', async () => {
    server.app.outbox.send({ to: 'a@acme.ai', subject: 'First', text: 'Open http://x/1', links: ['http://x/1'] });
    server.app.outbox.send({ to: 'b@acme.ai', subject: 'Second', text: 'Open http://x/2', links: ['http://x/2'] });
    server.app.outbox.send({ to: 'A@acme.ai', subject: 'Third', text: 'Open http://x/3', links: ['http://x/3'] });
    const all = await ok(['outbox']);
    expect(all).toMatch(/To:\s+a@acme\.ai\nSubject:\s+First\nLink:\s+http:\/\/x\/1/);
    expect(all.indexOf('First')).toBeLessThan(all.indexOf('Third'));
    expect(await okJson<{ subject: string }[]>(['outbox', '--to', 'a@acme.ai'])).toMatchObject([{ subject: 'First' }, { subject: 'Third' }]);
    expect(await okJson<{ subject: string }[]>(['outbox', '--to', 'a@acme.ai', '--last'])).toMatchObject([{ subject: 'Third' }]);
    expect(await ok(['outbox', '--to', 'b@acme.ai', '--text'])).toContain('Open http://x/2');
    expect(await ok(['outbox', '--to', 'nobody@acme.ai'])).toBe('The outbox is empty.\n');
  });

  it('says what is missing when the server has no test controls', async () => {
    const result = await cli(['outbox'], { HOKUSAI_AUTH_URL: plain.url, HOKUSAI_ADMIN_TOKEN: ADMIN_TOKEN });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('started with --test-controls');
  });
});

describe('the lifecycle from the command line', () => {
  it('register → verify from the outbox → approve → claim prints the key once; a second claim fails', async () => {
    const submitted = await ok(['register', '--org', 'Acme AI Labs', '--email', 'dev@acme.ai', '--name', 'Jane Smith', '--use-case', 'Analytics', '--website', 'https://acme.ai']);
    expect(submitted).toMatch(/Status:\s+pending_email_verification/);
    expect(submitted).toContain('Check dev@acme.ai for a verification link');

    const verified = await ok(['registration', 'verify', await mailedToken('dev@acme.ai', 'verify_token')]);
    expect(verified).toMatch(/Status:\s+pending_approval/);
    expect(await ok(['registration', 'status', 'dev@acme.ai'])).toMatch(/Status:\s+pending_approval/);

    const listed = await ok(['registrations', 'list', '--status', 'pending_approval']);
    expect(listed).toContain('dev@acme.ai');
    expect(listed).toContain('1 registration\n');
    const id = (await okJson<{ id: string }[]>(['registrations', 'list']))[0]!.id;
    expect(await ok(['registrations', 'get', id])).toMatch(/Flags:\s+none/);
    expect(await ok(['registrations', 'approve', id])).toMatch(/Status:\s+approved/);

    const claim = await cli(['registration', 'claim', await mailedToken('dev@acme.ai', 'claim_token')], env);
    expect(claim.code).toBe(0);
    expect(claim.stdout).toMatch(FULL_KEY);
    expect(claim.stderr).toContain('store this API key securely now');
    const again = await cli(['registration', 'claim', await mailedToken('dev@acme.ai', 'claim_token')], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('(HTTP 410)');
    expect((await ok(['registrations', 'get', id]))).toMatch(/Key claimed:\s+yes/);
  });

  it('reject needs a reason and records it; an unknown status is refused naming the field', async () => {
    await ok(['register', '--org', 'Acme', '--email', 'no@acme.ai', '--name', 'Jane', '--use-case', 'Analytics']);
    await ok(['registration', 'verify', await mailedToken('no@acme.ai', 'verify_token')]);
    const id = (await okJson<{ id: string }[]>(['registrations', 'list', '--status', 'pending_approval']))[0]!.id;
    expect(await ok(['registrations', 'reject', id, '--reason', 'Not verifiable'])).toMatch(/Review reason:\s+Not verifiable/);
    const bad = await cli(['registrations', 'list', '--status', 'waiting'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('status');
  });

  it('a malformed field comes back as a clear error naming it', async () => {
    const result = await cli(['register', '--org', 'Acme', '--email', 'not-an-email', '--name', 'Jane', '--use-case', 'x'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('(HTTP 400)');
    expect(result.stderr).toContain('contact_email:');
  });

  it('whitelist add/list/disable/remove and bans get/lift', async () => {
    const entry = await okJson<{ id: string }>(['whitelist', 'add', '--domain', 'acme.ai', '--note', 'Partner']);
    expect(await ok(['whitelist', 'list'])).toMatch(/domain\s+acme\.ai\s+yes\s+Partner/);
    expect(await ok(['whitelist', 'disable', entry.id])).toMatch(/Enabled:\s+no/);
    expect(await ok(['whitelist', 'remove', entry.id])).toContain(entry.id);
    expect(await ok(['whitelist', 'list'])).toBe('The whitelist is empty.\n');
    expect(await ok(['bans', 'get', '203.0.113.7'])).toMatch(/Banned:\s+no/);
    const lift = await cli(['bans', 'lift', '203.0.113.7'], env);
    expect(lift.code).toBe(1);
    expect(lift.stderr).toContain('(HTTP 404)');
  });

  it('the built bin runs register and outbox too', async () => {
    assertBuilt();
    const result = await runCli(['register', '--org', 'Acme', '--email', 'bin@acme.ai', '--name', 'Jane', '--use-case', 'Analytics', '--json'], env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'pending_email_verification' });
    const outbox = await runCli(['outbox', '--to', 'bin@acme.ai'], env);
    expect(outbox.stdout).toContain('verify_token=');
  });
});
