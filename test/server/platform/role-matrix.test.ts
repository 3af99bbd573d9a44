// The role table of the organization endpoints, walked in full: each of the 15 operations as
// each role, as a signed-in non-member and without a token. Allowed → its success status;
// a member below the minimum role → 403; a non-member → 404 (organizations are not
// enumerable); no token → 401. Every answer is also checked against the spec.
import { describe, expect, it } from 'vitest';
import { invite, lastInvitationToken, makePlatformApp, orgWithEveryRole } from './support';
import type { OrgFixture, PlatformApp, Role } from './support';

type Caller = Role | 'outsider' | 'anonymous';
const CALLERS: Caller[] = ['owner', 'admin', 'developer', 'viewer', 'outsider', 'anonymous'];
const RANK: Record<Role, number> = { owner: 0, admin: 1, developer: 2, viewer: 3 };

interface Operation {
  name: string;
  /** Minimum role; `signed-in` = any signed-in user, member or not. */
  minimum: Role | 'signed-in';
  success: number;
  /** Makes what the call needs (as the owner) and returns its request. */
  prepare(t: PlatformApp, f: OrgFixture, caller: Caller): Promise<{ method: string; path: string; json?: unknown }>;
}

const org = (f: OrgFixture, rest = '') => `/api/v1/organizations/${f.orgId}${rest}`;

const OPERATIONS: Operation[] = [
  { name: 'POST /organizations', minimum: 'signed-in', success: 201, prepare: async () => ({ method: 'POST', path: '/api/v1/organizations', json: { name: 'Another' } }) },
  { name: 'GET /organizations/{org_id}', minimum: 'viewer', success: 200, prepare: async (_t, f) => ({ method: 'GET', path: org(f) }) },
  { name: 'PATCH /organizations/{org_id}', minimum: 'admin', success: 200, prepare: async (_t, f) => ({ method: 'PATCH', path: org(f), json: { name: 'Renamed' } }) },
  { name: 'DELETE /organizations/{org_id}', minimum: 'owner', success: 200, prepare: async (_t, f) => ({ method: 'DELETE', path: org(f) }) },
  { name: 'GET /members', minimum: 'viewer', success: 200, prepare: async (_t, f) => ({ method: 'GET', path: org(f, '/members') }) },
  {
    name: 'PATCH /members/{user_id}',
    minimum: 'admin',
    success: 200,
    prepare: async (_t, f) => ({ method: 'PATCH', path: org(f, `/members/${f.users.target.user_id}`), json: { role: 'developer' } }),
  },
  { name: 'DELETE /members/{user_id}', minimum: 'admin', success: 200, prepare: async (_t, f) => ({ method: 'DELETE', path: org(f, `/members/${f.users.target.user_id}`) }) },
  {
    name: 'POST /invitations',
    minimum: 'admin',
    success: 201,
    prepare: async (_t, f) => ({ method: 'POST', path: org(f, '/invitations'), json: { email: 'new@example.com', role: 'viewer' } }),
  },
  { name: 'GET /invitations', minimum: 'admin', success: 200, prepare: async (_t, f) => ({ method: 'GET', path: org(f, '/invitations') }) },
  {
    name: 'DELETE /invitations/{id}',
    minimum: 'admin',
    success: 200,
    prepare: async (t, f) => {
      const invitation = await invite(t, f.users.owner.token, f.orgId, 'viewer', 'pending@example.com');
      return { method: 'DELETE', path: org(f, `/invitations/${invitation.id}`) };
    },
  },
  {
    name: 'POST /invitations/accept',
    minimum: 'signed-in',
    success: 200,
    // An invitation to another organization, so every signed-in caller can join it.
    prepare: async (t) => {
      const host = await t.signIn('host-of-another-org');
      const other = await t.expectAs<{ id: string }>(201, host.token, '/api/v1/organizations', { method: 'POST', json: { name: 'Other' } });
      await invite(t, host.token, other.id, 'viewer');
      return { method: 'POST', path: '/api/v1/invitations/accept', json: { token: lastInvitationToken(t) } };
    },
  },
  {
    name: 'POST /api-keys',
    minimum: 'developer',
    success: 201,
    prepare: async (_t, f) => ({ method: 'POST', path: org(f, '/api-keys'), json: { name: 'Team key', service_id: 'prediction' } }),
  },
  { name: 'GET /api-keys', minimum: 'viewer', success: 200, prepare: async (_t, f) => ({ method: 'GET', path: org(f, '/api-keys') }) },
  {
    name: 'DELETE /api-keys/{key_id}',
    minimum: 'developer',
    success: 200,
    // The key is the developer's own: a developer revokes its own keys (another's: see organizations.test.ts).
    prepare: async (t, f) => {
      const created = await t.expectAs<{ key_info: { key_id: string } }>(201, f.users.developer.token, org(f, '/api-keys'), {
        method: 'POST',
        json: { name: 'Developer key', service_id: 'prediction' },
      });
      return { method: 'DELETE', path: org(f, `/api-keys/${created.key_info.key_id}`) };
    },
  },
  { name: 'GET /audit-logs', minimum: 'admin', success: 200, prepare: async (_t, f) => ({ method: 'GET', path: org(f, '/audit-logs') }) },
];

function expectedStatus(operation: Operation, caller: Caller): number {
  if (caller === 'anonymous') return 401;
  if (operation.minimum === 'signed-in') return operation.success;
  if (caller === 'outsider') return 404;
  return RANK[caller] <= RANK[operation.minimum] ? operation.success : 403;
}

describe('the role table of the organization endpoints', () => {
  it('covers the 15 organization operations of the API reference', () => {
    expect(OPERATIONS).toHaveLength(15);
  });

  const cases = OPERATIONS.flatMap((operation) => CALLERS.map((caller) => [operation.name, caller, expectedStatus(operation, caller), operation] as const));
  it.each(cases)('%s as %s → %i', async (_name, caller, status, operation) => {
    const t = makePlatformApp();
    const fixture = await orgWithEveryRole(t);
    const call = await operation.prepare(t, fixture, caller);
    const token = caller === 'anonymous' ? undefined : fixture.users[caller].token;
    const res = await t.as(token, call.path, { method: call.method, ...(call.json === undefined ? {} : { json: call.json }) });
    expect(res.status).toBe(status);
    const body = (await res.json()) as { detail?: string };
    if (status === 403) expect(body).toEqual({ detail: 'Insufficient permissions' });
    if (status === 404) expect(body).toEqual({ detail: 'Organization not found' });
    if (status === 401) expect(body).toEqual({ detail: 'Not authenticated' });
  });
});
