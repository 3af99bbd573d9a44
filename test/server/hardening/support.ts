// Shared helpers of the hardening tests: temporary data folders and raw server processes.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const LONG_ADMIN_TOKEN = 'hardening-admin-token-0123456789';

/** A temporary folder removed after the file's tests; `file(name)` gives a fresh path in it. */
export function tempDir(prefix: string): { dir: string; file(name: string): string } {
  const dir = mkdtempSync(join(tmpdir(), `hokusai-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, file: (name) => join(dir, name) };
}

/** Runs `npm start` with these arguments until it exits (or `timeoutMs`), returning its output. */
export function runServerUntilExit(args: string[], timeoutMs = 30_000): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, HOKUSAI_ADMIN_TOKEN: LONG_ADMIN_TOKEN, PORT: '' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}
