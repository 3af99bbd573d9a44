// Installing straight from git (`npm install git+…`): npm clones the commit, installs its
// dependencies, and the `prepare` script builds dist/ before npm packs it into the user's project.
// Tests the committed tree (HEAD), as a user who installs from the repository gets it.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let project: string;

beforeAll(async () => {
  const { stdout: head } = await run('git', ['rev-parse', 'HEAD'], { cwd: ROOT });
  project = await mkdtemp(join(tmpdir(), 'hokusai-auth-git-user-'));
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'git-user', private: true, type: 'module' }));
  await run('npm', ['install', '--no-audit', '--no-fund', `git+file://${ROOT}#${head.trim()}`], {
    cwd: project,
    maxBuffer: 64 * 1024 * 1024,
  });
}, 600_000);

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

describe('npm install from a git URL', () => {
  it('builds dist/ through prepare, so the package imports and its bin runs', async () => {
    const installed = join(project, 'node_modules/@hokusai/auth');
    expect(existsSync(join(installed, 'dist/index.js'))).toBe(true);
    expect(existsSync(join(installed, 'dist/cli/main.js'))).toBe(true);
    const { stdout: imported } = await run(
      'node',
      ['--input-type=module', '-e', "import { isApiKey } from '@hokusai/auth'; console.log(isApiKey('hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456'))"],
      { cwd: project },
    );
    expect(imported.trim()).toBe('true');
    const { stdout: help } = await run('npx', ['--no-install', 'hokusai-auth', '--help'], { cwd: project });
    expect(help).toContain('Usage: hokusai-auth <command>');
  });
});
