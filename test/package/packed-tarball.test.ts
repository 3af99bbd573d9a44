// What a user gets from the registry: the tarball `npm pack` makes in a fresh clone (no dist/:
// the prepack build makes it), installed into a fresh project outside the repo. Its main entry,
// `/msw`, `/middleware` and `/platform` import in ESM and CommonJS, their types check under node16
// resolution, and `npx hokusai-auth` runs, the local server included, without the optional
// better-sqlite3.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcess } from '../support/processes';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const MSW_VERSION = (await import('msw/package.json', { with: { type: 'json' } })).default.version;
let project: string;
let clone: string;
let tarball: string;

/**
 * The working tree as a fresh clone has it (tracked and new files, nothing ignored: no dist/),
 * with the repository's node_modules linked in so its build tools run without another install.
 */
async function freshClone(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hokusai-auth-clone-'));
  const { stdout } = await run('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  for (const file of stdout.split('\0').filter(Boolean)) {
    if (!existsSync(join(ROOT, file))) continue; // deleted in the working tree
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await copyFile(join(ROOT, file), join(dir, file));
  }
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'hokusai-auth-user-'));
  clone = await freshClone();
  await run('npm', ['pack', '--pack-destination', project, '--silent'], { cwd: clone, timeout: 240_000 });
  tarball = (await readdir(project)).find((name) => name.endsWith('.tgz')) ?? '';
  if (!tarball) throw new Error('npm pack produced no tarball');
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'user-app', private: true, type: 'module' }));
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', `./${tarball}`, `msw@${MSW_VERSION}`, '@types/node@20'], {
    cwd: project,
    timeout: 240_000,
  });
}, 480_000);

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
  if (clone) await rm(clone, { recursive: true, force: true });
});

const node = (file: string) => run(process.execPath, [file], { cwd: project, timeout: 30_000 });

describe('the packed package in a fresh project', () => {
  it('ships the build of a clone that had no dist/: the bundles, the CLI, the spec and the /docs page', async () => {
    const { stdout } = await run('tar', ['-tzf', join(project, tarball)]);
    const files = stdout.split('\n');
    for (const file of ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/cli/main.js', 'dist/openapi.json', 'dist/docs/index.html', 'spec/hokusai-auth.openapi.yaml']) {
      expect(files).toContain(`package/${file}`);
    }
    expect(existsSync(join(project, 'node_modules/better-sqlite3'))).toBe(false);
  });

  it('runs `npx hokusai-auth mock` without better-sqlite3: in memory, saying so in one line, no data folder', async () => {
    const mock = await startProcess('npx', ['--no-install', 'hokusai-auth', 'mock', '--port', '0'], {
      cwd: project,
      env: { ...process.env, HOKUSAI_ADMIN_TOKEN: '', PORT: '' },
      group: true,
      ready: { printed: /listening on (http:\/\/127\.0\.0\.1:\d+)/ },
      timeoutMs: 45_000,
    });
    try {
      const { url } = mock;
      expect(mock.stderr().split('\n').filter((line) => line.includes('better-sqlite3'))).toEqual([
        expect.stringMatching(/^SQLite unavailable .*keeping everything in memory.*npm install better-sqlite3@12/),
      ]);
      expect(mock.stdout()).toContain('Store: memory');
      expect((await fetch(`${url}/health`)).status).toBe(200);
      // The installed package serves its own description.
      expect((await fetch(`${url}/docs`)).status).toBe(200);
      expect((await fetch(`${url}/openapi.json`)).status).toBe(200);
      expect(existsSync(join(project, '.hokusai-auth'))).toBe(false);
    } finally {
      await mock.stop();
    }
  }, 60_000);

  it('imports the main entry and /msw as ES modules', async () => {
    await writeFile(
      join(project, 'esm.mjs'),
      `import { HokusaiAuth, parseApiKey } from '@hokusai/auth';
       import { createHokusaiHandlers } from '@hokusai/auth/msw';
       const hokusai = createHokusaiHandlers({ adminToken: 'local-admin-token' });
       console.log(JSON.stringify({ client: typeof HokusaiAuth, env: parseApiKey('hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456').environment, handlers: hokusai.handlers.length > 0 }));`,
    );
    const { stdout } = await node('esm.mjs');
    expect(JSON.parse(stdout)).toEqual({ client: 'function', env: 'test', handlers: true });
  });

  it('requires the main entry and /msw from CommonJS', async () => {
    await writeFile(
      join(project, 'cjs.cjs'),
      `const { HokusaiAuth, maskApiKey } = require('@hokusai/auth');
       const { createHokusaiHandlers } = require('@hokusai/auth/msw');
       console.log(JSON.stringify({ client: typeof HokusaiAuth, mask: maskApiKey('hk_live_AbCdEfGhIjKlMnOpQrStUvWxYz123456'), handlers: typeof createHokusaiHandlers }));`,
    );
    const { stdout } = await node('cjs.cjs');
    expect(JSON.parse(stdout)).toEqual({ client: 'function', mask: 'hk_live_AbC***', handlers: 'function' });
  });

  // tsc in a fresh project takes a while on a busy machine: the limit is its own (120 s).
  it('type-checks a TypeScript user of both entries, and rejects a wrong field', { timeout: 150_000 }, async () => {
    await writeFile(
      join(project, 'app.ts'),
      `import { HokusaiAuth, type ValidationResult } from '@hokusai/auth';
       import { createHokusaiHandlers } from '@hokusai/auth/msw';
       const auth = new HokusaiAuth({ baseUrl: 'http://127.0.0.1:8787', adminToken: 'local' });
       export const created = auth.keys.create({ name: 'My First Key', service_id: 'prediction', environment: 'test' });
       export const result: Promise<ValidationResult> = auth.validate('hk_test_x', { service_id: 'prediction' });
       export const handlers = createHokusaiHandlers().handlers;
       // @ts-expect-error 'staging' is not an environment
       export const wrong = auth.keys.create({ name: 'k', service_id: 'prediction', environment: 'staging' });`,
    );
    await writeFile(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'node16', moduleResolution: 'node16', strict: true, noEmit: true, types: ['node'], lib: ['ES2022', 'DOM'] }, files: ['app.ts'] }),
    );
    const result = await run(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: project, timeout: 120_000 }).then(
      () => ({ ok: true, output: '' }),
      (error: { stdout?: string }) => ({ ok: false, output: error.stdout ?? '' }),
    );
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });

  it('loads /middleware from ESM and CommonJS and type-checks it, with neither express nor fastify installed', { timeout: 180_000 }, async () => {
    const use = `createKeyGuard({ auth: new HokusaiAuth({ baseUrl: 'http://127.0.0.1:8787' }), service_id: 'prediction' })`;
    await writeFile(
      join(project, 'middleware.mjs'),
      `import { HokusaiAuth } from '@hokusai/auth';
       import { createKeyGuard, expressKeyGuard, fastifyKeyGuard } from '@hokusai/auth/middleware';
       const guard = ${use};
       console.log(JSON.stringify([typeof guard.check, typeof expressKeyGuard(guard), typeof fastifyKeyGuard(guard)]));`,
    );
    await writeFile(
      join(project, 'middleware.cjs'),
      `const { HokusaiAuth } = require('@hokusai/auth');
       const { createKeyGuard, withKeyGuard } = require('@hokusai/auth/middleware');
       const guard = ${use};
       console.log(JSON.stringify([typeof guard.check, typeof withKeyGuard(guard, () => new Response())]));`,
    );
    expect(JSON.parse((await node('middleware.mjs')).stdout)).toEqual(['function', 'function', 'function']);
    expect(JSON.parse((await node('middleware.cjs')).stdout)).toEqual(['function', 'function']);

    await writeFile(
      join(project, 'middleware.ts'),
      `import { HokusaiAuth } from '@hokusai/auth';
       import { createKeyGuard, withKeyGuard, type HokusaiKey } from '@hokusai/auth/middleware';
       const guard = ${use};
       export const handler = withKeyGuard(guard, (_request, key: HokusaiKey) => Response.json({ scopes: key.scopes }));`,
    );
    await writeFile(
      join(project, 'tsconfig.middleware.json'),
      JSON.stringify({ compilerOptions: { module: 'node16', moduleResolution: 'node16', strict: true, noEmit: true, types: ['node'], lib: ['ES2022', 'DOM'] }, files: ['middleware.ts'] }),
    );
    const result = await run(process.execPath, [TSC, '-p', 'tsconfig.middleware.json'], { cwd: project, timeout: 120_000 }).then(
      () => '',
      (error: { stdout?: string }) => error.stdout ?? 'tsc failed',
    );
    expect(result).toBe('');
  });

  it('loads /platform from ESM and CommonJS: the main client with registration, admin and metrics, throwing the main entry errors; its types check', { timeout: 180_000 }, async () => {
    // A fetch that refuses every call, so the error classes of both entries can be compared.
    const use = `new HokusaiAuth({ baseUrl: 'http://127.0.0.1:8787', maxRetries: 0, fetch: async () => Response.json({ detail: 'Registration not found' }, { status: 404 }) })`;
    const check = `const auth = ${use};
       const error = await auth.registration.status('dev@acme.ai').catch((e) => e);
       console.log(JSON.stringify([auth instanceof Main, typeof auth.admin.registrations.list().pages, typeof auth.metrics.text, error instanceof NotFoundError]));`;
    await writeFile(
      join(project, 'platform.mjs'),
      `import { HokusaiAuth as Main, NotFoundError } from '@hokusai/auth';
       import { HokusaiAuth } from '@hokusai/auth/platform';
       ${check}`,
    );
    await writeFile(
      join(project, 'platform.cjs'),
      `const { HokusaiAuth: Main, NotFoundError } = require('@hokusai/auth');
       const { HokusaiAuth } = require('@hokusai/auth/platform');
       (async () => { ${check} })();`,
    );
    expect(JSON.parse((await node('platform.mjs')).stdout)).toEqual([true, 'function', 'function', true]);
    expect(JSON.parse((await node('platform.cjs')).stdout)).toEqual([true, 'function', 'function', true]);

    await writeFile(
      join(project, 'platform.ts'),
      `import { HokusaiAuth, type RegistrationDetail } from '@hokusai/auth/platform';
       const auth = new HokusaiAuth({ baseUrl: 'http://127.0.0.1:8787' });
       export async function pending(): Promise<RegistrationDetail[]> {
         return auth.admin.registrations.list({ status: 'pending_approval' }).toArray();
       }`,
    );
    await writeFile(
      join(project, 'tsconfig.platform.json'),
      JSON.stringify({ compilerOptions: { module: 'node16', moduleResolution: 'node16', strict: true, noEmit: true, types: ['node'], lib: ['ES2022', 'DOM'] }, files: ['platform.ts'] }),
    );
    const result = await run(process.execPath, [TSC, '-p', 'tsconfig.platform.json'], { cwd: project, timeout: 120_000 }).then(
      () => '',
      (error: { stdout?: string }) => error.stdout ?? 'tsc failed',
    );
    expect(result).toBe('');
  });

  it('runs `npx hokusai-auth --help`', async () => {
    const { stdout } = await run('npx', ['--no-install', 'hokusai-auth', '--help'], { cwd: project, timeout: 60_000 });
    expect(stdout).toContain('Usage: hokusai-auth <command> [options]');
    expect(stdout).toContain('keys create');
  }, 90_000);
});
