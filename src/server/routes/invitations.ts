import { platformRequestSchemas as schemas } from '../boundary/platform-schemas';
import { json } from '../http/responses';
import { callerOf, originOf } from './platform-request';
import { route } from './route';
import type { Route } from './route';

/** Invitations: sent, listed and revoked by admins; accepted by any signed-in user. */
export const invitationRoutes: Route[] = [
  route({
    method: 'POST',
    path: '/api/v1/organizations/:org_id/invitations',
    access: 'public',
    request: schemas.createInvitation,
    answer: async ({ path, body }, context) =>
      json(context.engine.platform.createInvitation(await callerOf(context), path.org_id, body, originOf(context.request)), 201),
  }),
  route({
    method: 'GET',
    path: '/api/v1/organizations/:org_id/invitations',
    access: 'public',
    request: schemas.listInvitations,
    answer: async ({ path, query }, context) => json(context.engine.platform.listInvitations(await callerOf(context), path.org_id, query)),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/organizations/:org_id/invitations/:invitation_id',
    access: 'public',
    request: schemas.revokeInvitation,
    answer: async ({ path }, context) =>
      json(context.engine.platform.revokeInvitation(await callerOf(context), path.org_id, path.invitation_id)),
  }),
  route({
    method: 'POST',
    path: '/api/v1/invitations/accept',
    access: 'public',
    request: schemas.acceptInvitation,
    answer: async ({ body }, context) => json(context.engine.platform.acceptInvitation(await callerOf(context), body)),
  }),
];
