import { describe, expectTypeOf, it } from 'vitest';
import type { components } from '../../generated/schema';
import { HokusaiAuth as MainClient } from '../../src/client';
import {
  HokusaiAuth,
  Page,
  PagePromise,
  type AuditLogEntry,
  type Invitation,
  type Organization,
  type OrganizationKeyCreated,
  type OrganizationKeyInfo,
  type OrganizationMember,
  type OrganizationMembership,
  type OrganizationRole,
  type SiweSession,
  type TokenValidation,
  type EthereumSigner,
} from '../../src/platform';

type Schemas = components['schemas'];
declare const auth: HokusaiAuth;
declare const orgId: string;

describe('the platform client', () => {
  it('is the main client and more', () => {
    expectTypeOf<HokusaiAuth>().toExtend<MainClient>();
    expectTypeOf(auth.withAccessToken('jwt')).toEqualTypeOf<HokusaiAuth>();
  });

  it('results are the spec schemas', () => {
    expectTypeOf<SiweSession>().toEqualTypeOf<Schemas['SiweSession']>();
    expectTypeOf<TokenValidation>().toEqualTypeOf<Schemas['TokenValidationSuccess'] | Schemas['TokenValidationFailure']>();
    expectTypeOf<Organization>().toEqualTypeOf<Schemas['Organization']>();
    expectTypeOf<OrganizationMembership>().toEqualTypeOf<Schemas['OrganizationMembership']>();
    expectTypeOf<OrganizationMember>().toEqualTypeOf<Schemas['OrganizationMember']>();
    expectTypeOf<Invitation>().toEqualTypeOf<Schemas['Invitation']>();
    expectTypeOf<OrganizationKeyInfo>().toEqualTypeOf<Schemas['OrganizationApiKeyInfo']>();
    expectTypeOf<OrganizationKeyCreated>().toEqualTypeOf<Schemas['OrganizationApiKeyCreated']>();
    expectTypeOf<AuditLogEntry>().toEqualTypeOf<Schemas['AuditLogEntry']>();
    expectTypeOf<OrganizationRole>().toEqualTypeOf<'owner' | 'admin' | 'developer' | 'viewer'>();
  });

  it('lists are awaitable pages and async-iterable items', () => {
    const list = auth.organizations.keys.list(orgId);
    expectTypeOf(list).toEqualTypeOf<PagePromise<OrganizationKeyInfo>>();
    expectTypeOf(list).resolves.toEqualTypeOf<Page<OrganizationKeyInfo>>();
    expectTypeOf(list).toExtend<AsyncIterable<OrganizationKeyInfo>>();
    expectTypeOf(auth.organizations.auditLogs.list(orgId).toArray()).resolves.toEqualTypeOf<AuditLogEntry[]>();
  });

  it('a token answer narrows on valid', async () => {
    const result = await auth.tokens.validate('jwt');
    if (result.valid) expectTypeOf(result.permissions).toEqualTypeOf<string[]>();
    else expectTypeOf(result.error).toEqualTypeOf<'Token expired' | 'Invalid token' | 'Token not valid for this service'>();
  });

  it('wrong roles, fields and actions do not compile', () => {
    // @ts-expect-error not a role
    void auth.organizations.members.update(orgId, 'user', { role: 'boss' });
    // @ts-expect-error invitations need an email
    void auth.organizations.invitations.create(orgId, { role: 'viewer' });
    // @ts-expect-error not an audit action
    void auth.organizations.auditLogs.list(orgId, { action: 'key.made' });
  });

  it('any wallet with address and signMessage fits', () => {
    expectTypeOf({ address: '0x0', signMessage: async (message: string) => message }).toExtend<EthereumSigner>();
  });
});
