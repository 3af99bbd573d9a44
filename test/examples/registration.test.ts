// examples/registration.ts against a stub server with test controls: apply, verify from the
// outbox, approve, claim and validate, printing the key only masked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/node';
import { runExample } from './run-example';

const ADMIN = 'examples-admin-token-registration';
let server: RunningServer;
let stdout: string;
let stderr: string;
let code: number | null;

beforeAll(async () => {
  server = await startServer({ port: 0, memory: true, adminToken: ADMIN, quiet: true, testControls: true });
  ({ code, stdout, stderr } = await runExample('examples/registration.ts', { HOKUSAI_AUTH_URL: server.url, HOKUSAI_ADMIN_TOKEN: ADMIN }));
}, 120_000);
afterAll(() => server?.close());

describe('examples/registration.ts', () => {
  it('goes from application to a working key', () => {
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Applied: pending_email_verification\. Check dev-\d+@acme\.ai for a verification link\.$/m);
    expect(stdout).toContain('Email verified: pending_approval');
    expect(stdout).toMatch(/^Reviewing Acme AI Labs <dev-\d+@acme\.ai>, flags: /m);
    expect(stdout).toMatch(/^Approved: key [0-9a-f-]{36}, organization [0-9a-f-]{36}$/m);
    expect(stdout).toMatch(/^Claimed hk_live_[A-Za-z0-9]{3}\*\*\* /m);
    expect(stdout).toContain('Valid: true');
    expect(stdout).toContain('Status: approved');
  });

  it('never prints the full key', () => {
    expect(stdout).not.toMatch(/hk_(?:live|test|dev)_[A-Za-z0-9]{32}/);
  });
});
