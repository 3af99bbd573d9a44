// `npm start & PID=$!; …; kill $PID`: scripts signal npm, not the server npm started. The
// server must stop with it and free its port.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { startProcess } from '../../support/processes';

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
    const npm = await startProcess('npm', ['start', '--silent', '--', '--port', '0', '--memory', '--quiet'], {
      env: { ...process.env, HOKUSAI_ADMIN_TOKEN: '', PORT: '', HOKUSAI_TEST_MARK: MARK },
      ready: { printed: /http:\/\/127\.0\.0\.1:\d+/ },
    });
    const { url } = npm;
    expect((await fetch(`${url}/health`)).status).toBe(200);

    // What a script does: signal npm's own pid, not a process group.
    npm.child.kill('SIGTERM');
    expect(await refusesConnections(url, 10_000)).toBe(true);
    // Nothing it started is left running.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(markedProcesses()).toEqual([]);
  }, 60_000);
});
