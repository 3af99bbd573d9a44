import type { Context } from 'hono';
import {
  zAddRegistrationWhitelistEntryBody,
  zListRegistrationsQuery,
  zListRegistrationWhitelistQuery,
  zReviewRegistrationBody,
  zUpdateRegistrationWhitelistEntryBody,
} from '../../../generated/zod.gen';
import { readJsonObject } from '../http/body';
import { json } from '../http/responses';
import type { RegistrationService } from '../registration/service';
import { parseFields } from '../registration/problem';
import type { RouteDeps, ServerHono } from './deps';
import { resource } from './resource';

const reviewBody = zReviewRegistrationBody.strict();
const whitelistCreateBody = zAddRegistrationWhitelistEntryBody.strict();
const whitelistUpdateBody = zUpdateRegistrationWhitelistEntryBody.strict();

/** Query parameters as the schemas expect them: `limit` as a number when it is digits. */
function pageQuery(c: Context, names: string[]): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  for (const name of names) {
    const value = c.req.query(name);
    if (value === undefined) continue;
    query[name] = name === 'limit' && /^\d{1,6}$/.test(value) ? Number(value) : value;
  }
  return query;
}

/** Registration administration (admin token): registrations, the whitelist, IP bans. */
export function registerRegistrationAdminRoutes(app: ServerHono, { admin, clientIp }: RouteDeps, service: RegistrationService): void {
  resource(app, '/api/v1/admin/registrations', {
    GET: [admin, (c) => json(service.list(parseFields(zListRegistrationsQuery, pageQuery(c, ['status', 'limit', 'cursor']), 'Invalid request parameters')))],
  });
  resource(app, '/api/v1/admin/registrations/:registration_id', {
    GET: [admin, (c) => json(service.get(c.req.param('registration_id') ?? ''))],
    PATCH: [
      admin,
      async (c) => {
        const decision = parseFields(reviewBody, await readJsonObject(c));
        const origin = new URL(c.req.url).origin;
        return json(await service.review(c.req.param('registration_id') ?? '', decision, { ip: clientIp(c), origin }));
      },
    ],
  });
  resource(app, '/api/v1/admin/registration/whitelist', {
    GET: [admin, (c) => json(service.listWhitelist(parseFields(zListRegistrationWhitelistQuery, pageQuery(c, ['limit', 'cursor']), 'Invalid request parameters')))],
    POST: [admin, async (c) => json(service.addWhitelist(parseFields(whitelistCreateBody, await readJsonObject(c))), 201)],
  });
  resource(app, '/api/v1/admin/registration/whitelist/:entry_id', {
    PATCH: [admin, async (c) => json(service.updateWhitelist(c.req.param('entry_id') ?? '', parseFields(whitelistUpdateBody, await readJsonObject(c))))],
    DELETE: [admin, (c) => json(service.deleteWhitelist(c.req.param('entry_id') ?? ''))],
  });
  resource(app, '/api/v1/admin/registration/bans/:ip', {
    GET: [admin, (c) => json(service.ban(decodeURIComponent(c.req.param('ip') ?? '')))],
    DELETE: [admin, (c) => json(service.liftBan(decodeURIComponent(c.req.param('ip') ?? '')))],
  });
}
