// The banner tells the truth: the admin token in force, and a first curl command that works
// when pasted. A taken port says how to choose another.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startServerProcess, type StartedProcess as ServerProcess } from '../../support/processes';

const run = promisify(execFile);

/** The banner's curl command, from `curl -X POST` to the closing `}'`. */
function bannerCurl(output: string): string {
  const lines = output.split('\n');
  const start = lines.findIndex((line) => line.startsWith('curl -X POST'));
  const end = lines.findIndex((line, i) => i > start && line === "}'");
  expect(start).toBeGreaterThanOrEqual(0);
  return lines.slice(start, end + 1).join('\n');
}

/** Runs the banner's curl in bash, as pasted; resolves with the HTTP status. */
async function pasteCurl(server: ServerProcess, env: Record<string, string> = {}): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 100)); // the rest of the banner
  const { stdout } = await run('bash', ['-c', `${bannerCurl(server.output())} --silent --output /dev/null --write-out '%{http_code}'`], {
    env: { ...process.env, ...env },
    timeout: 15_000,
  });
  return Number(stdout);
}

async function stop(server: ServerProcess): Promise<void> {
  server.child.kill('SIGTERM');
  await server.exited;
}

describe('the startup banner', () => {
  it('--quickstart with HOKUSAI_ADMIN_TOKEN exported: YOUR_ADMIN_TOKEN is in force, and the banner says so', async () => {
    const env = { HOKUSAI_ADMIN_TOKEN: 'exported-admin-token-0123456789' };
    const server = await startServerProcess(['--port', '0', '--quickstart'], env);
    expect(await pasteCurl(server, env)).toBe(201);
    const output = server.output();
    expect(output).toContain('Admin token: YOUR_ADMIN_TOKEN (--quickstart)');
    expect(output).toContain('HOKUSAI_ADMIN_TOKEN is set but not used');
    expect(output).not.toContain(env.HOKUSAI_ADMIN_TOKEN);
    const withEnvToken = await fetch(`${server.url}/api/v1/keys`, { headers: { Authorization: `Bearer ${env.HOKUSAI_ADMIN_TOKEN}` } });
    expect(withEnvToken.status).toBe(401);
    await stop(server);
  });

  it('plain start in memory: the curl carries the token just made', async () => {
    const server = await startServerProcess(['--port', '0', '--memory']);
    expect(await pasteCurl(server)).toBe(201);
    expect(bannerCurl(server.output())).not.toContain('YOUR_ADMIN_TOKEN');
    await stop(server);
  });

  it('a token from the environment is not printed; the curl reads it from the environment', async () => {
    const env = { HOKUSAI_ADMIN_TOKEN: 'env-only-admin-token-0123456789' };
    const server = await startServerProcess(['--port', '0', '--memory'], env);
    expect(bannerCurl(server.output())).toContain('Bearer $HOKUSAI_ADMIN_TOKEN');
    expect(await pasteCurl(server, env)).toBe(201);
    expect(server.output()).not.toContain(env.HOKUSAI_ADMIN_TOKEN);
    await stop(server);
  });

  it('a taken port: exit 1, naming --port and PORT', async () => {
    const first = await startServerProcess(['--port', '0', '--memory', '--quiet']);
    const port = new URL(first.url).port;
    const second = await startServerProcess(['--port', port, '--memory']).then(
      () => 'started',
      (error: Error) => error.message,
    );
    expect(second).toMatch(/exited \(1\)/);
    expect(second).toMatch(/EADDRINUSE.*port \d+ is taken .* --port <n> or PORT=<n>/);
    await stop(first);
  });
});
