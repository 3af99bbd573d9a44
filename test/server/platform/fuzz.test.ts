// Random requests at the wallet sign-in, token and organization routes, as a member, with a
// garbled token or none: nothing a caller sends may give a 500, and every answer matches the
// spec (makePlatformApp checks each one).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makePlatformApp, orgWithEveryRole } from './support';

const printable = (maxLength: number) => fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength });

describe('random requests at the organization routes', () => {
  it('never answer 500', async () => {
    const t = makePlatformApp();
    const f = await orgWithEveryRole(t);
    const id = fc.oneof(fc.constant(f.orgId), fc.constant(f.users.target.user_id), fc.uuid(), printable(12).map(encodeURIComponent), fc.constantFrom('', '..', '%00', '__proto__'));
    const path = fc.oneof(
      fc.constantFrom('/auth/siwe/challenge', '/auth/siwe/verify', '/api/v1/tokens/validate', '/api/v1/organizations', '/api/v1/invitations/accept'),
      id.map((a) => `/api/v1/organizations/${a}`),
      fc
        .tuple(id, fc.constantFrom('members', 'invitations', 'api-keys', 'audit-logs'), fc.option(id, { nil: undefined }))
        .map(([org, part, sub]) => `/api/v1/organizations/${org}/${part}${sub === undefined ? '' : `/${sub}`}`),
    );
    const query = fc
      .array(fc.tuple(fc.constantFrom('limit', 'cursor', 'action', 'since', 'until', 'active_only'), fc.oneof(printable(10), fc.constantFrom('0', '1', '100', 'true', 'eyJwIjo1fQ', '2025-01-01T00:00:00Z'))), { maxLength: 3 })
      .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`));
    const token = fc.oneof(fc.constant(f.users.owner.token), fc.constant(f.users.viewer.token), printable(60), fc.constant(undefined));
    const body = fc.oneof(
      fc.dictionary(
        fc.constantFrom('name', 'description', 'role', 'email', 'token', 'service', 'service_id', 'wallet_address', 'message', 'signature', '__proto__'),
        fc.oneof(fc.jsonValue({ maxDepth: 2 }), printable(20), fc.constantFrom('owner', 'viewer', 'prediction', 'a@example.com', f.users.owner.address)),
      ).map((value) => JSON.stringify(value)),
      printable(30),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE'), path, query, token, body, async (method, p, q, bearer, text) => {
        const res = await t.as(bearer, `${p}${q}`, {
          method,
          headers: { 'Content-Type': 'application/json' },
          ...(method === 'GET' ? {} : { body: text }),
        });
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
  });
});
