// The local servers the matrix runs against.
import { randomBytes } from 'node:crypto';
import { startServer, type RunningServer } from '../../../src/server/node';

/**
 * A local server on Node 20 (the test process): memory store, test controls on, a fresh token,
 * and browser origins allowed on the admin routes when a page drives them.
 *
 * @example
 * const server = await startScenarioServer();
 * await server.close();
 */
export function startScenarioServer(adminCorsOrigins: string[] = []): Promise<RunningServer> {
  return startServer({ port: 0, host: '127.0.0.1', memory: true, testControls: true, adminToken: newAdminToken(), quiet: true, adminCorsOrigins });
}

/** A random admin token (never printed by the tests). */
export function newAdminToken(): string {
  return randomBytes(24).toString('hex');
}
