import { describe, expectTypeOf, it } from 'vitest';
import type { components } from '../../generated/schema';
import {
  HokusaiAuth,
  PageList,
  type BanStatus,
  type MetricsSummary,
  type RegistrationClaimed,
  type RegistrationCreated,
  type RegistrationDetail,
  type RegistrationRateLimitStatus,
  type RegistrationStatusAnswer,
  type WhitelistEntry,
} from '../../src/platform';

type Schemas = components['schemas'];
declare const auth: HokusaiAuth;

describe('the platform client returns the generated wire types', () => {
  it('each call resolves to its spec schema', () => {
    expectTypeOf(auth.registration.submit).returns.resolves.toEqualTypeOf<RegistrationCreated>();
    expectTypeOf<RegistrationCreated>().toEqualTypeOf<Schemas['RegistrationCreated']>();
    expectTypeOf(auth.registration.status).returns.resolves.toEqualTypeOf<RegistrationStatusAnswer>();
    expectTypeOf(auth.registration.verifyEmail).returns.resolves.toEqualTypeOf<Schemas['RegistrationStatusResponse']>();
    expectTypeOf(auth.registration.claim).returns.resolves.toEqualTypeOf<RegistrationClaimed>();
    expectTypeOf(auth.registration.rateLimitStatus).returns.resolves.toEqualTypeOf<RegistrationRateLimitStatus>();
    expectTypeOf(auth.admin.registrations.list).returns.toEqualTypeOf<PageList<RegistrationDetail>>();
    expectTypeOf(auth.admin.registrations.approve).returns.resolves.toEqualTypeOf<Schemas['RegistrationDetail']>();
    expectTypeOf(auth.admin.whitelist.list).returns.toEqualTypeOf<PageList<WhitelistEntry>>();
    expectTypeOf(auth.admin.bans.get).returns.resolves.toEqualTypeOf<BanStatus>();
    expectTypeOf(auth.metrics).returns.resolves.toEqualTypeOf<MetricsSummary>();
    expectTypeOf(auth.metrics.text).returns.resolves.toEqualTypeOf<string>();
  });

  it('refuses a wrong field name, status or whitelist type at compile time', () => {
    // @ts-expect-error organisation_name is not a field
    void auth.registration.submit({ organisation_name: 'Acme', contact_email: 'a@b.co', contact_name: 'A', use_case: 'x' });
    // @ts-expect-error use_case is required
    void auth.registration.submit({ organization_name: 'Acme', contact_email: 'a@b.co', contact_name: 'A' });
    // @ts-expect-error 'pending' is not a status (the lifecycle table wins over the docs' example)
    void auth.admin.registrations.list({ status: 'pending' });
    // @ts-expect-error a whitelist entry is an ip or a domain
    void auth.admin.whitelist.add({ type: 'email', value: 'a@b.co' });
    // @ts-expect-error a rejection needs its reason
    void auth.admin.registrations.reject('id');
  });
});
