import {
  zAddRegistrationWhitelistEntryBody,
  zDeleteRegistrationWhitelistEntryPath,
  zGetRegistrationBanPath,
  zGetRegistrationPath,
  zListRegistrationsQuery,
  zListRegistrationWhitelistQuery,
  zReviewRegistrationBody,
  zReviewRegistrationPath,
  zUpdateRegistrationWhitelistEntryBody,
  zUpdateRegistrationWhitelistEntryPath,
} from '../../../generated/zod.gen';
import * as z from 'zod';
import { json } from '../http/responses';
import type { RegistrationService } from '../registration/service';
import { route } from './route';
import type { Route } from './route';

/** `limit` arrives as text: digits become the number the spec's schema checks. */
const pageLimit = (limit: z.ZodType) => z.preprocess((value) => (typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : value), limit);
const registrationsQuery = zListRegistrationsQuery.extend({ limit: pageLimit(zListRegistrationsQuery.shape.limit) });
const whitelistQuery = zListRegistrationWhitelistQuery.extend({ limit: pageLimit(zListRegistrationWhitelistQuery.shape.limit) });

/** A path's IP as sent (`2001%3Adb8%3A%3A1` or `2001:db8::1`); a broken escape stays as it is (and fails the address check). */
function ipOf(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Registration administration (admin token): registrations, the whitelist, IP bans.
 *
 * @example
 * registrationAdminRoutes(service).length; // 9
 */
export function registrationAdminRoutes(service: RegistrationService): Route[] {
  return [
    route({
      method: 'GET',
      path: '/api/v1/admin/registrations',
      access: 'admin',
      request: { query: registrationsQuery },
      answer: ({ query }) => json(service.list(query as z.output<typeof zListRegistrationsQuery>)),
    }),
    route({
      method: 'GET',
      path: '/api/v1/admin/registrations/:registration_id',
      access: 'admin',
      request: { path: zGetRegistrationPath },
      answer: ({ path }) => json(service.get(path.registration_id)),
    }),
    route({
      method: 'PATCH',
      path: '/api/v1/admin/registrations/:registration_id',
      access: 'admin',
      request: { path: zReviewRegistrationPath, body: zReviewRegistrationBody.strict() },
      answer: async ({ path, body }, { request }) => {
        const origin = request.origin ?? `http://${request.header('host') ?? 'localhost'}`;
        return json(await service.review(path.registration_id, body, { ip: request.connectionIp ?? undefined, origin }));
      },
    }),
    route({
      method: 'GET',
      path: '/api/v1/admin/registration/whitelist',
      access: 'admin',
      request: { query: whitelistQuery },
      answer: ({ query }) => json(service.listWhitelist(query as z.output<typeof zListRegistrationWhitelistQuery>)),
    }),
    route({
      method: 'POST',
      path: '/api/v1/admin/registration/whitelist',
      access: 'admin',
      request: { body: zAddRegistrationWhitelistEntryBody.strict() },
      answer: ({ body }) => json(service.addWhitelist(body), 201),
    }),
    route({
      method: 'PATCH',
      path: '/api/v1/admin/registration/whitelist/:entry_id',
      access: 'admin',
      request: { path: zUpdateRegistrationWhitelistEntryPath, body: zUpdateRegistrationWhitelistEntryBody.strict() },
      answer: ({ path, body }) => json(service.updateWhitelist(path.entry_id, body)),
    }),
    route({
      method: 'DELETE',
      path: '/api/v1/admin/registration/whitelist/:entry_id',
      access: 'admin',
      request: { path: zDeleteRegistrationWhitelistEntryPath },
      answer: ({ path }) => json(service.deleteWhitelist(path.entry_id)),
    }),
    route({
      method: 'GET',
      path: '/api/v1/admin/registration/bans/:ip',
      access: 'admin',
      request: { path: zGetRegistrationBanPath },
      answer: ({ path }) => json(service.ban(ipOf(path.ip))),
    }),
    route({
      method: 'DELETE',
      path: '/api/v1/admin/registration/bans/:ip',
      access: 'admin',
      request: { path: zGetRegistrationBanPath },
      answer: ({ path }) => json(service.liftBan(ipOf(path.ip))),
    }),
  ];
}
