// Public names of the registration, administration and metrics wire types. Fields stay
// snake_case, exactly as on the wire.
import type { components, operations } from '../../generated/schema';

type Schemas = components['schemas'];

/** Where an application is in its lifecycle. @example const status: RegistrationStatus = 'pending_approval'; */
export type RegistrationStatus = Schemas['RegistrationStatus'];

/**
 * Body of `auth.registration.submit`. `captcha_token` is required only by a server that checks CAPTCHA.
 *
 * @example
 * const application: RegistrationRequest = {
 *   organization_name: 'Acme AI Labs',
 *   contact_email: 'dev@acme.ai',
 *   contact_name: 'Jane Smith',
 *   website_url: 'https://acme.ai',
 *   use_case: 'Integrating Hokusai predictions into our analytics platform',
 * };
 */
export type RegistrationRequest = Schemas['RegistrationRequest'];
/** A new application and its `next_step`. @example const { id, status, next_step } = await auth.registration.submit(application); */
export type RegistrationCreated = Schemas['RegistrationCreated'];
/** An application's status, as its applicant sees it. @example const { status } = await auth.registration.status('dev@acme.ai'); */
export type RegistrationStatusAnswer = Schemas['RegistrationStatusResponse'];
/** The three submission limits and the caller's ban. @example const { allowed, retry_after } = await auth.registration.rateLimitStatus(); */
export type RegistrationRateLimitStatus = Schemas['RegistrationRateLimitStatus'];
/** One rolling-window limit. @example const left = (w: RegistrationRateLimitWindow) => w.remaining; */
export type RegistrationRateLimitWindow = Schemas['RegistrationRateLimitWindow'];
/** The claimed key (shown only here), its details and the new organization. @example const { api_key, organization_id } = await auth.registration.claim(token); */
export type RegistrationClaimed = Schemas['RegistrationClaimed'];

/** An application as a reviewer sees it: `flags`, history, what approval created. @example const clean = (r: RegistrationDetail) => r.flags.length === 0; */
export type RegistrationDetail = Schemas['RegistrationDetail'];
/** A fraud-screening finding. @example const rules = (r: RegistrationDetail) => r.flags.map((flag: RegistrationFlag) => flag.rule); */
export type RegistrationFlag = Schemas['RegistrationFlag'];
/** Filters of `auth.admin.registrations.list` (`cursor` is handled for you). @example const q: ListRegistrationsParams = { status: 'pending_approval', limit: 50 }; */
export type ListRegistrationsParams = Omit<NonNullable<operations['listRegistrations']['parameters']['query']>, 'cursor'>;
/** Page size of a paginated admin list (`cursor` is handled for you). @example const q: AdminPageParams = { limit: 100 }; */
export type AdminPageParams = Omit<NonNullable<operations['listRegistrationWhitelist']['parameters']['query']>, 'cursor'>;

/** A rate-limit whitelist entry. @example const on = (entry: WhitelistEntry) => entry.enabled; */
export type WhitelistEntry = Schemas['RegistrationWhitelistEntry'];
/** Body of `auth.admin.whitelist.add`. @example const entry: NewWhitelistEntry = { type: 'domain', value: 'acme.ai' }; */
export type NewWhitelistEntry = Schemas['RegistrationWhitelistCreate'];
/** The ban status of an IP. @example const { banned, expires_at } = await auth.admin.bans.get('203.0.113.7'); */
export type BanStatus = Schemas['RegistrationBan'];

/** `GET /metrics` as JSON. @example const { uptime_seconds, validations } = await auth.metrics(); */
export type MetricsSummary = Schemas['MetricsSummary'];
