// Shared helpers of the CLI tests: they run the BUILT executable (dist/cli/main.js) in a child
// process, the way users run `hokusai-auth`, against a stub server started in this process.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HokusaiAuth } from '../../src/client';
import { ManualClock } from '../../src/server';
import { startServer, type RunningServer } from '../../src/server/node';

export const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
export const ADMIN_TOKEN = 'cli-test-admin-token-0123456789abcdef';
/** The stub server's fixed time, so usage periods and billing dates are known. */
export const NOW = '2025-01-15T10:30:00Z';
/** Nothing listens here: a command that reaches the network fails with exit 1, not 2. */
export const UNREACHABLE_URL = 'http://127.0.0.1:9';
/** A well-formed key the stub server never issued. */
export const UNKNOWN_KEY = 'hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456';
export const API_KEY_PATTERN = /hk_(?:live|test|dev)_[A-Za-z0-9]{32}/g;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Everything every run printed, to check that no secret ever shows up. */
export const printed: string[] = [];

/** Fails with a clear message when the CLI has not been built. */
export function assertBuilt(): void {
  if (!existsSync(CLI)) {
    throw new Error(`${CLI} does not exist: build it first with "npx tsup" (npm test builds before running vitest)`);
  }
}

/** The parent's environment without any Hokusai settings, plus `env`. */
export function cleanEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base = { ...process.env };
  delete base.HOKUSAI_AUTH_URL;
  delete base.HOKUSAI_ADMIN_TOKEN;
  delete base.HOKUSAI_ACCESS_TOKEN;
  delete base.PORT;
  return { ...base, ...env };
}

/** Starts the CLI with `args`; stdin gets `input` (or is closed at once). */
export function spawnCli(args: readonly string[], env: Record<string, string> = {}, input = ''): ChildProcess {
  const child = spawn(process.execPath, [CLI, ...args], { env: cleanEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin?.end(input);
  return child;
}

/** Runs the CLI to completion. */
export function runCli(args: readonly string[], env: Record<string, string> = {}, input = ''): Promise<CliResult> {
  const child = spawnCli(args, env, input);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      printed.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs a command whose stdout is JSON, expecting exit 0, and returns the parsed output. */
export async function runJson<T = Record<string, unknown>>(args: readonly string[], env: Record<string, string>): Promise<T> {
  const result = await runCli([...args, '--json'], env);
  if (result.code !== 0) throw new Error(`exit ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

export interface Stub {
  server: RunningServer;
  /** Environment that points the CLI at this server, with the admin token. */
  env: Record<string, string>;
  /** The facade, to set things up (usage records) without going through the CLI. */
  auth: HokusaiAuth;
}

/** A stub server on a free loopback port, in memory, with a fixed admin token and clock. */
export async function startStub(): Promise<Stub> {
  const server = await startServer({
    port: 0,
    memory: true,
    adminToken: ADMIN_TOKEN,
    clock: new ManualClock(NOW),
    quiet: true,
    testKit: true,
  });
  return {
    server,
    env: { HOKUSAI_AUTH_URL: server.url, HOKUSAI_ADMIN_TOKEN: ADMIN_TOKEN },
    auth: new HokusaiAuth({ baseUrl: server.url, adminToken: ADMIN_TOKEN, maxRetries: 0 }),
  };
}

/** Creates a key through the CLI (JSON mode) and returns the API's response. */
export async function createKey(
  env: Record<string, string>,
  extra: readonly string[] = [],
): Promise<{ api_key: string; key_info: Record<string, unknown> & { key_id: string } }> {
  return runJson(['keys', 'create', '--name', 'CLI test key', '--service', 'prediction', ...extra], env);
}
