// `npm start & PID=$!; …; kill $PID`: scripts signal npm, not the server npm started. The
// server must stop with it and free its port.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../runtime/built-package';

// Every process this test starts carries this mark, so a server left behind can be found and stopped.
const MARK = `hokusai-npm-stop-${randomUUID()}`;

/** Ids of the processes started with MARK in their environment. */
function markedProcesses(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'utf8').includes(`HOKUSAI_TEST_MARK=${MARK}`)) pids.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

afterAll(() => {
  for (const pid of markedProcesses()) process.kill(pid, 'SIGKILL');
});

async function refusesConnections(url: string, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    const answered = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) }).then(
      () => true,
      () => false,
    );
    if (!answered) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

describe('npm start stopped the way scripts do it', () => {
  it('kill <npm pid> stops the server and frees the port', async () => {
    const npm = spawn('npm', ['start', '--silent', '--', '--port', '0', '--memory', '--quiet'], {
      cwd: ROOT,
      env: { ...process.env, HOKUSAI_ADMIN_TOKEN: '', PORT: '', HOKUSAI_TEST_MARK: MARK },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      npm.stdout.on('data', (chunk: Buffer) => {
        output += chunk;
        const match = /http:\/\/127\.0\.0\.1:\d+/.exec(output);
        if (match) resolve(match[0]);
      });
      npm.on('exit', (code) => reject(new Error(`npm start exited with ${code}: ${output}`)));
    });
    expect((await fetch(`${url}/health`)).status).toBe(200);

    npm.kill('SIGTERM');
    expect(await refusesConnections(url, 10_000)).toBe(true);
    // Nothing it started is left running.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(markedProcesses()).toEqual([]);
  }, 60_000);
});
