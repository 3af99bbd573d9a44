// `hokusai-auth mock`: the stub server as a child process, stopped with SIGTERM.
import type { ChildProcess } from 'node:child_process';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { assertBuilt, runCli, spawnCli, startStub } from './helpers';

// Each test spawns node processes, which takes seconds on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

const TOKEN = 'mock-admin-token-0123456789abcdef';

interface MockProcess {
  child: ChildProcess;
  url: string;
  stdout(): string;
  stderr(): string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running: ChildProcess[] = [];

beforeAll(assertBuilt);

afterEach(() => {
  // A test that failed half-way must not leave its server behind.
  for (const child of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Starts `hokusai-auth mock ...` and waits until it prints its URL. */
function startMock(args: readonly string[], env: Record<string, string> = {}): Promise<MockProcess> {
  const child = spawnCli(['mock', ...args], env);
  running.push(child);
  let stdout = '';
  let stderr = '';
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
      if (url) resolve({ child, url, stdout: () => stdout, stderr: () => stderr, exit });
    });
    void exit.then(({ code }) => reject(new Error(`mock exited with ${code} before printing its URL: ${stderr}`)));
  });
}

describe('mock', () => {
  it('serves the API on a free port and stops with exit 0 on SIGTERM', async () => {
    const mock = await startMock(['--port', '0', '--memory', '--admin-token', TOKEN]);
    expect(mock.stdout()).toContain(`Hokusai auth server listening on ${mock.url}`);
    expect(mock.stdout()).toContain('Store: memory');

    const health = await fetch(`${mock.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'healthy' });

    // The CLI's own API commands work against it.
    const created = await runCli(['keys', 'create', '--name', 'k', '--service', 'prediction', '--json'], {
      HOKUSAI_AUTH_URL: mock.url,
      HOKUSAI_ADMIN_TOKEN: TOKEN,
    });
    expect(created.code).toBe(0);
    const { api_key } = JSON.parse(created.stdout) as { api_key: string };
    expect((await runCli(['validate', api_key], { HOKUSAI_AUTH_URL: mock.url })).code).toBe(0);

    mock.child.kill('SIGTERM');
    expect(await mock.exit).toEqual({ code: 0, signal: null });
    expect(mock.stdout()).toContain('SIGTERM received');
    // A token the user chose is never printed.
    expect(mock.stdout() + mock.stderr()).not.toContain(TOKEN);
    await expect(fetch(`${mock.url}/health`)).rejects.toThrow();
  });

  it('takes the admin token from HOKUSAI_ADMIN_TOKEN and the port from PORT', async () => {
    const mock = await startMock(['--memory'], { HOKUSAI_ADMIN_TOKEN: TOKEN, PORT: '0' });
    const listed = await fetch(`${mock.url}/api/v1/keys`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(listed.status).toBe(200);
    expect(mock.stdout()).not.toContain(TOKEN);
    mock.child.kill('SIGINT');
    expect((await mock.exit).code).toBe(0);
  });

  it('without a token it generates one and prints it, in the first curl command too', async () => {
    const mock = await startMock(['--port', '0', '--memory']);
    const token = /Admin token \(generated for this run, shown only now\): (\S+)/.exec(mock.stdout())?.[1] as string;
    expect(token).toMatch(/^\S{16,}$/);
    expect(mock.stdout()).toContain(`-H "Authorization: Bearer ${token}" \\`);
    const listed = await fetch(`${mock.url}/api/v1/keys`, { headers: { Authorization: `Bearer ${token}` } });
    expect(listed.status).toBe(200);
    mock.child.kill('SIGTERM');
    expect((await mock.exit).code).toBe(0);
  });

  it('--quiet prints only the base URL', async () => {
    const mock = await startMock(['--port', '0', '--memory', '--quiet', '--admin-token', TOKEN]);
    mock.child.kill('SIGTERM');
    expect((await mock.exit).code).toBe(0);
    expect(mock.stdout()).toBe(`${mock.url}\n`);
  });

  it('a port that is taken: exit 1 with the reason', async () => {
    const { server } = await startStub();
    try {
      const result = await runCli(['mock', '--port', String(server.port), '--memory', '--admin-token', TOKEN]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^Could not start the server: .*EADDRINUSE/m);
    } finally {
      await server.close();
    }
  });
});
