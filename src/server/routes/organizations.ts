import { platformRequestSchemas as schemas } from '../boundary/platform-schemas';
import { json } from '../http/responses';
import { callerOf } from './platform-request';
import { route } from './route';
import type { Route } from './route';

/** Organizations (a user's JWT; the minimum role is enforced by the engine). */
export const organizationRoutes: Route[] = [
  route({
    method: 'POST',
    path: '/api/v1/organizations',
    access: 'public',
    request: schemas.createOrganization,
    answer: async ({ body }, context) => json(context.engine.platform.createOrganization(await callerOf(context), body), 201),
  }),
  route({
    method: 'GET',
    path: '/api/v1/organizations',
    access: 'public',
    request: schemas.listOrganizations,
    answer: async ({ query }, context) => json(context.engine.platform.listOrganizations(await callerOf(context), query)),
  }),
  route({
    method: 'GET',
    path: '/api/v1/organizations/:org_id',
    access: 'public',
    request: schemas.getOrganization,
    answer: async ({ path }, context) => json(context.engine.platform.getOrganization(await callerOf(context), path.org_id)),
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/organizations/:org_id',
    access: 'public',
    request: schemas.updateOrganization,
    answer: async ({ path, body }, context) => json(context.engine.platform.updateOrganization(await callerOf(context), path.org_id, body)),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/organizations/:org_id',
    access: 'public',
    request: schemas.deleteOrganization,
    answer: async ({ path }, context) => json(context.engine.platform.deleteOrganization(await callerOf(context), path.org_id)),
  }),
];
