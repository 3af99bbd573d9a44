// Where the built package lives, and the stub server the runtime tests talk to.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type RunningServer } from '../../src/server/node';

/** Repository root (the package being tested). */
export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** Output of `npm run build`. */
export const DIST = join(ROOT, 'dist');

/**
 * Absolute path of a built file; fails with the fix when the package has not been built.
 *
 * @example
 * const esm = builtFile('index.js');
 */
export function builtFile(relativePath: string): string {
  const file = join(DIST, relativePath);
  if (!existsSync(file)) {
    throw new Error(`dist/${relativePath} is missing: run \`npm run build\` before the runtime tests.`);
  }
  return file;
}

/**
 * A stub server in memory on a free loopback port, with a fresh admin token.
 *
 * @example
 * const server = await startStubServer();
 * await server.close();
 */
export function startStubServer(adminCorsOrigins: string[] = []): Promise<RunningServer> {
  return startServer({ port: 0, host: '127.0.0.1', memory: true, adminToken: randomBytes(24).toString('hex'), quiet: true, adminCorsOrigins });
}

/** A full API key anywhere in a text (test output must never contain one). */
export const FULL_API_KEY = /hk_(?:live|test|dev)_[A-Za-z0-9]{32}/;
