// `npm run setup` on a newcomer's machine: npm ci only when needed, and CHROMIUM_PATH honoured
// instead of installing Debian's chromium.
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'hokusai-setup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An executable shell script at `path` that appends its name and arguments to `log`. */
function recorder(path: string, log: string, exitCode = 0): void {
  writeFileSync(path, `#!/bin/sh\necho "$(basename "$0") $*" >> "${log}"\nexit ${exitCode}\n`);
  chmodSync(path, 0o755);
}

/** Runs a script; resolves with its exit code and output instead of throwing. */
async function runScript(script: string, env: NodeJS.ProcessEnv, cwd = ROOT) {
  return run('bash', [script], { cwd, env: { ...process.env, ...env }, timeout: 30_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

describe('scripts/install-system-deps.sh', () => {
  // A fake apt-get first on PATH records any attempt to install.
  const bin = join(dir, 'bin');
  const aptLog = join(dir, 'apt.log');
  mkdirSync(bin);
  recorder(join(bin, 'apt-get'), aptLog);
  const PATH = `${bin}:${process.env.PATH}`;

  it('uses the Chromium that CHROMIUM_PATH names and installs nothing for it', async () => {
    const chrome = join(dir, 'my-chrome');
    recorder(chrome, join(dir, 'chrome.log'));
    const result = await runScript('scripts/install-system-deps.sh', { CHROMIUM_PATH: chrome, PATH });
    expect(result.stdout).toContain(`chromium: using CHROMIUM_PATH=${chrome}`);
    expect(result.code).toBe(0);
    expect(() => readFileSync(aptLog, 'utf8')).toThrow();
  });

  it('stops with the fix when CHROMIUM_PATH names nothing runnable', async () => {
    const result = await runScript('scripts/install-system-deps.sh', { CHROMIUM_PATH: join(dir, 'no-such-chrome'), PATH });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is not an executable file: point it at a Chromium or Chrome executable');
    expect(() => readFileSync(aptLog, 'utf8')).toThrow();
  });
});

describe('scripts/setup.sh', () => {
  /** A copy of the repository's setup with a fake npm and system-deps step, in a fresh folder. */
  function project(name: string) {
    const root = join(dir, name);
    mkdirSync(join(root, 'scripts'), { recursive: true });
    copyFileSync(join(ROOT, 'scripts/setup.sh'), join(root, 'scripts/setup.sh'));
    const log = join(root, 'calls.log');
    writeFileSync(join(root, 'scripts/install-system-deps.sh'), `echo "system-deps" >> "${log}"\n`);
    writeFileSync(join(root, 'package-lock.json'), '{}');
    mkdirSync(join(root, 'runtimes'));
    writeFileSync(join(root, 'runtimes/package-lock.json'), '{}');
    const bin = join(root, 'bin');
    mkdirSync(bin);
    recorder(join(bin, 'npm'), log);
    return { root, log, env: { PATH: `${bin}:${process.env.PATH}` }, calls: () => readFileSync(log, 'utf8').trim().split('\n') };
  }

  it('runs npm ci on a fresh clone, then the system step', async () => {
    const p = project('fresh');
    expect((await runScript('scripts/setup.sh', p.env, p.root)).code).toBe(0);
    expect(p.calls()).toEqual(['npm ci', 'npm ci --prefix runtimes', 'system-deps']);
  });

  it('does not run npm ci again right after `npm ci` (the README runs both commands)', async () => {
    const p = project('installed');
    const past = new Date(Date.now() - 60_000);
    for (const folder of ['', 'runtimes/']) {
      mkdirSync(join(p.root, `${folder}node_modules`));
      writeFileSync(join(p.root, `${folder}node_modules/.package-lock.json`), '{}');
      utimesSync(join(p.root, `${folder}package-lock.json`), past, past);
    }
    const result = await runScript('scripts/setup.sh', p.env, p.root);
    expect(result.stdout).toContain('npm ci skipped');
    expect(p.calls()).toEqual(['system-deps']);
  });

  it('runs npm ci again when package-lock.json changed after the last install', async () => {
    const p = project('stale');
    const past = new Date(Date.now() - 60_000);
    for (const folder of ['', 'runtimes/']) {
      mkdirSync(join(p.root, `${folder}node_modules`));
      writeFileSync(join(p.root, `${folder}node_modules/.package-lock.json`), '{}');
    }
    // Only the root lock changed since its install; the runtimes are up to date.
    utimesSync(join(p.root, 'node_modules/.package-lock.json'), past, past);
    utimesSync(join(p.root, 'runtimes/package-lock.json'), past, past);
    await runScript('scripts/setup.sh', p.env, p.root);
    expect(p.calls()).toEqual(['npm ci', 'system-deps']);
  });
});
