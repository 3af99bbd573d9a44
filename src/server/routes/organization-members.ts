import { platformRequestSchemas as schemas } from '../boundary/platform-schemas';
import { json } from '../http/responses';
import { callerOf } from './platform-request';
import { route } from './route';
import type { Route } from './route';

/** Members of an organization (a user's JWT; roles enforced by the engine). */
export const organizationMemberRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/api/v1/organizations/:org_id/members',
    access: 'public',
    request: schemas.listMembers,
    answer: async ({ path, query }, context) => json(context.engine.platform.listMembers(await callerOf(context), path.org_id, query)),
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/organizations/:org_id/members/:user_id',
    access: 'public',
    request: schemas.updateMember,
    answer: async ({ path, body }, context) =>
      json(context.engine.platform.updateMember(await callerOf(context), path.org_id, path.user_id, body)),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/organizations/:org_id/members/:user_id',
    access: 'public',
    request: schemas.removeMember,
    answer: async ({ path }, context) => json(context.engine.platform.removeMember(await callerOf(context), path.org_id, path.user_id)),
  }),
];
