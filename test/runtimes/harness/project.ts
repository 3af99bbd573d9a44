// The "user project" the runtimes run in: a folder with `@hokusai/auth` in node_modules (a link
// to this package, as `npm link` makes, and msw) and the scenario scripts compiled to plain ES modules.
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { builtFile, ROOT } from '../../runtime/built-package';

/** Everything the matrix generates lives here (git-ignored). */
export const WORK_DIR = join(ROOT, '.tmp', 'runtimes');
/** The user project: package.json, node_modules/@hokusai/auth, the entry scripts. */
export const PROJECT_DIR = join(WORK_DIR, 'project');
/** The Worker bundle (the SDK inlined, as wrangler bundles it). */
export const WORKER_FILE = join(WORK_DIR, 'worker', 'worker.mjs');
/** The page script for Chromium (`@hokusai/auth` left to the page's import map). */
export const BROWSER_FILE = join(WORK_DIR, 'browser', 'scenarios.mjs');

const SCENARIOS = join(ROOT, 'test', 'runtimes', 'scenarios');

/**
 * Lays out the project and compiles the entries; run once before the matrix (vitest globalSetup).
 *
 * @example
 * await prepareProject();
 */
export async function prepareProject(): Promise<void> {
  builtFile('index.js');
  builtFile('cli/main.js');
  rmSync(WORK_DIR, { recursive: true, force: true });
  const modules = join(PROJECT_DIR, 'node_modules');
  mkdirSync(join(modules, '@hokusai'), { recursive: true });
  mkdirSync(join(modules, '.bin'), { recursive: true });
  symlinkSync(ROOT, join(modules, '@hokusai', 'auth'), 'dir');
  // What a user installs next to the package: msw, and the frameworks the middleware serves.
  for (const name of ['msw', 'hono', 'express', 'fastify']) symlinkSync(join(ROOT, 'node_modules', name), join(modules, name), 'dir');
  symlinkSync(join('..', '@hokusai', 'auth', 'dist', 'cli', 'main.js'), join(modules, '.bin', 'hokusai-auth'));
  writeFileSync(
    join(PROJECT_DIR, 'package.json'),
    `${JSON.stringify({ name: 'runtime-matrix-app', private: true, type: 'module', dependencies: { '@hokusai/auth': '*' } }, null, 2)}\n`,
  );

  const common = { bundle: true, format: 'esm', target: 'es2022', logLevel: 'error' } as const;
  const packageImports = ['@hokusai/auth', '@hokusai/auth/*', 'msw', 'msw/*', 'hono', 'express', 'fastify'];
  await build({
    ...common,
    entryPoints: ['sdk-entry', 'msw-entry', 'middleware-entry', 'sqlite-entry'].map((name) => join(SCENARIOS, `${name}.ts`)),
    outdir: PROJECT_DIR,
    outExtension: { '.js': '.mjs' },
    platform: 'neutral',
    external: packageImports,
  });
  await build({ ...common, entryPoints: [join(SCENARIOS, 'browser-entry.ts')], outfile: BROWSER_FILE, platform: 'browser', external: packageImports });
  // As wrangler bundles a Worker: the package inlined, resolved with the workerd conditions.
  await build({
    ...common,
    entryPoints: [join(SCENARIOS, 'worker-entry.ts')],
    outfile: WORKER_FILE,
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    absWorkingDir: PROJECT_DIR,
    nodePaths: [],
  });
}

export default prepareProject;
