import { platformRequestSchemas as schemas } from '../boundary/platform-schemas';
import { json } from '../http/responses';
import { callerOf } from './platform-request';
import { route } from './route';
import type { Route } from './route';

/** Organization API keys and the audit log (a user's JWT; roles enforced by the engine). */
export const organizationKeyRoutes: Route[] = [
  route({
    method: 'POST',
    path: '/api/v1/organizations/:org_id/api-keys',
    access: 'public',
    request: schemas.createOrganizationKey,
    answer: async ({ path, body }, context) =>
      json(await context.engine.platform.createOrganizationKey(await callerOf(context), path.org_id, body), 201),
  }),
  route({
    method: 'GET',
    path: '/api/v1/organizations/:org_id/api-keys',
    access: 'public',
    request: schemas.listOrganizationKeys,
    answer: async ({ path, query }, context) =>
      json(context.engine.platform.listOrganizationKeys(await callerOf(context), path.org_id, query)),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/organizations/:org_id/api-keys/:key_id',
    access: 'public',
    request: schemas.revokeOrganizationKey,
    answer: async ({ path }, context) =>
      json(context.engine.platform.revokeOrganizationKey(await callerOf(context), path.org_id, path.key_id)),
  }),
  route({
    method: 'GET',
    path: '/api/v1/organizations/:org_id/audit-logs',
    access: 'public',
    request: schemas.listAuditLogs,
    answer: async ({ path, query }, context) => json(context.engine.platform.listAuditLogs(await callerOf(context), path.org_id, query)),
  }),
];
