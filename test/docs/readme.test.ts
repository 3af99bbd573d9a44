// The README runs as pasted: every ```ts and ```sh block (unless marked
// `<!-- doc-test: skip (reason) -->` right before it) runs here, in README order, as a reader
// would run it:
// - in a fresh project of the reader's ("type": "module", as the README tells), where the built
//   package is installed (linked) as `@hokusai/auth` with its `hokusai-auth` bin;
// - against a local server started as the README says, `npm start -- --quickstart
//   --test-controls` (admin token YOUR_ADMIN_TOKEN, the quickstart's key seeded), with the
//   environment the README documents: HOKUSAI_AUTH_URL and HOKUSAI_ADMIN_TOKEN, and PORT free;
// - the one change made to a block: the README's base URL http://127.0.0.1:8787 becomes this
//   server's (the test cannot own port 8787 on a shared machine).
// sh blocks run in bash with `set -euo pipefail`, and curl fails on an HTTP error status. A ts
// block that imports from 'vitest' runs as a test file with vitest, any other with tsx. A block
// passes when it exits with 0, or when it is a server that listens on $PORT.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/processes';
import { startServer, type RunningServer } from '../../src/server/node';
import { QUICKSTART_ADMIN_TOKEN, seedQuickstartKey } from '../../src/server/quickstart';
import { builtFile, FULL_API_KEY, ROOT } from '../runtime/built-package';
import { blockName, readme, readmeBlocks, type ReadmeBlock } from './readme-blocks';

const README_BASE_URL = 'http://127.0.0.1:8787';
const TSX_CLI = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const VITEST_CLI = join(ROOT, 'node_modules/vitest/vitest.mjs');
const SH_PRELUDE = 'set -euo pipefail\ncurl() { command curl --fail-with-body --silent --show-error "$@"; }\n';
const BLOCK_TIMEOUT_MS = 90_000;

const blocks = readmeBlocks(readme());
let server: RunningServer;
let project: string;

beforeAll(async () => {
  builtFile('cli/main.js');
  server = await startServer({ port: 0, memory: true, adminToken: QUICKSTART_ADMIN_TOKEN, testControls: true, quiet: true });
  await seedQuickstartKey(server.app);
  project = userProject();
});

afterAll(async () => {
  await server?.close();
  if (project) rmSync(project, { recursive: true, force: true });
});

/**
 * A reader's project: package.json with "type": "module", the package linked in node_modules
 * with its bin. It sits in the repository's .tmp/ so the tools the README installs beside the
 * package (tsx, vitest, msw) resolve from the repository's node_modules.
 */
function userProject(): string {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, '.tmp', 'readme-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'my-app', private: true, type: 'module' }));
  // The project's own (empty) vitest config, so vitest does not pick up the repository's.
  writeFileSync(join(dir, 'vitest.config.mjs'), 'export default {};\n');
  mkdirSync(join(dir, 'node_modules/@hokusai'), { recursive: true });
  mkdirSync(join(dir, 'node_modules/.bin'));
  symlinkSync(ROOT, join(dir, 'node_modules/@hokusai/auth'), 'dir');
  const bin = join(dir, 'node_modules/.bin/hokusai-auth');
  writeFileSync(bin, '#!/bin/sh\nexec node "$(dirname "$0")/../@hokusai/auth/dist/cli/main.js" "$@"\n');
  chmodSync(bin, 0o755);
  return dir;
}

interface Outcome {
  code: number | null;
  /** The block listened on $PORT (a server) and was stopped. */
  served: boolean;
  output: string;
}

/** Runs one block; a server block is stopped as soon as it accepts a connection on `port`. */
async function run(block: ReadmeBlock): Promise<Outcome> {
  const code = block.code.replaceAll(README_BASE_URL, server.url);
  const port = await freePort();
  let command: string[];
  if (block.lang === 'sh') {
    command = ['bash', '-c', SH_PRELUDE + code];
  } else {
    const asTest = /from ['"]vitest['"]/.test(code);
    const file = `readme-${block.line}${asTest ? '.test' : ''}.ts`;
    writeFileSync(join(project, file), code);
    command = asTest ? [process.execPath, VITEST_CLI, 'run', file] : [process.execPath, TSX_CLI, file];
  }
  const env: NodeJS.ProcessEnv = { ...process.env, HOKUSAI_AUTH_URL: server.url, HOKUSAI_ADMIN_TOKEN: QUICKSTART_ADMIN_TOKEN, PORT: String(port) };
  env.PATH = `${join(project, 'node_modules/.bin')}:${env.PATH}`;
  // The outer test run's own settings must not steer the reader's vitest.
  for (const name of Object.keys(env)) if (name.startsWith('VITEST') || name === 'CI') delete env[name];

  const child = spawn(command[0]!, command.slice(1), { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  return new Promise((resolve) => {
    let served = false;
    const poll = setInterval(() => {
      const socket = connect(port, '127.0.0.1');
      socket.on('connect', () => {
        socket.destroy();
        served = true;
        child.kill('SIGTERM');
      });
      socket.on('error', () => socket.destroy());
    }, 250);
    const timer = setTimeout(() => child.kill('SIGKILL'), BLOCK_TIMEOUT_MS);
    child.on('close', (exitCode) => {
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ code: exitCode, served, output: output.replace(new RegExp(FULL_API_KEY.source, 'g'), 'hk_…(a key)') });
    });
  });
}

describe('README blocks', () => {
  it('finds the blocks, and every block left out says why', () => {
    expect(blocks.filter((block) => !block.skip).length).toBeGreaterThanOrEqual(6);
    for (const block of blocks.filter((b) => b.skip)) expect(block.skip!.length, blockName(block)).toBeGreaterThan(10);
  });

  for (const block of blocks.filter((b) => !b.skip)) {
    it(
      `runs ${blockName(block)}`,
      async () => {
        const outcome = await run(block);
        expect(outcome.served || outcome.code === 0, `${blockName(block)} failed (exit ${outcome.code}):\n${outcome.output}`).toBe(true);
      },
      BLOCK_TIMEOUT_MS + 10_000,
    );
  }
});
