// examples/organization-keys.ts against a stub server with test controls: wallet sign-in,
// an organization with an invited developer, an organization key, roles and the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/node';
import { runExample } from './run-example';

const ADMIN = 'examples-admin-token-organization-keys';
let server: RunningServer;
let stdout: string;
let stderr: string;
let code: number | null;

beforeAll(async () => {
  server = await startServer({ port: 0, memory: true, adminToken: ADMIN, testControls: true, quiet: true });
  ({ code, stdout, stderr } = await runExample('examples/organization-keys.ts', { HOKUSAI_AUTH_URL: server.url, HOKUSAI_ADMIN_TOKEN: ADMIN }));
});
afterAll(async () => {
  await server?.close();
});

describe('examples/organization-keys.ts', () => {
  it('runs to the end without errors', () => {
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('signs Alice in with her wallet and creates her organization', () => {
    const alice = server.app.controls!.wallet('alice').address;
    expect(stdout).toContain(`Alice signed in as ${alice} (new user: true)\n`);
    expect(stdout).toMatch(/^Organization: Acme Research \([0-9a-f-]{36}\)$/m);
  });

  it('Bob joins through the invitation mail and his key validates with the organization', () => {
    const [, orgId] = /^Organization: Acme Research \(([0-9a-f-]{36})\)$/m.exec(stdout) ?? [];
    expect(stdout).toContain('Bob joined as developer\n');
    expect(stdout).toMatch(new RegExp(`^hk_test_[A-Za-z0-9]{3}\\*\\*\\* valid: true, organization: ${orgId}$`, 'm'));
    expect(server.app.controls!.outbox().map((mail) => mail.to)).toEqual(['bob@example.com']);
  });

  it('lists both keys across pages, never a full key, and shows the role check', () => {
    expect(stdout).toMatch(/^Key: Owner Key hk_test_[A-Za-z0-9]{3}\*\*\* by Alice$/m);
    expect(stdout).toMatch(/^Key: Team Prediction Key hk_test_[A-Za-z0-9]{3}\*\*\* by Bob$/m);
    expect(stdout).not.toMatch(/hk_test_[A-Za-z0-9]{32}/);
    expect(stdout).toContain("Bob may not revoke Alice's key: Insufficient permissions\n");
  });

  it('ends with the audit log, newest first', () => {
    const [, actions] = /^Audit log: (.*)$/m.exec(stdout) ?? [];
    expect(actions?.split(', ')).toEqual(
      expect.arrayContaining(['organization.created', 'invitation.created', 'invitation.accepted', 'api_key.created', 'api_key.revoked']),
    );
    expect(actions?.split(', ')[0]).toBe('api_key.revoked');
  });

  it('never prints the admin token or an access token', () => {
    expect(stdout + stderr).not.toContain(ADMIN);
    expect(stdout + stderr).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
  });
});
