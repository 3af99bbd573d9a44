import { requestSchemas } from '../boundary/schemas';
import { json } from '../http/responses';
import { route } from './route';
import type { Route } from './route';

/** Key management (admin token): create, list, get, rotate, revoke. */
export const keyRoutes: Route[] = [
  route({
    method: 'POST',
    path: '/api/v1/keys',
    access: 'admin',
    idempotent: true,
    request: requestSchemas.createKey,
    answer: async ({ body }, { engine }) => json(await engine.createKey(body), 201),
  }),
  route({
    method: 'GET',
    path: '/api/v1/keys',
    access: 'admin',
    request: requestSchemas.listKeys,
    answer: ({ query }, { engine }) => json(engine.listKeys(query)),
  }),
];

/** Routes under `/api/v1/keys/:key_id`; they come after `/api/v1/keys/validate` in the table. */
export const keyIdRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/api/v1/keys/:key_id',
    access: 'admin',
    request: requestSchemas.getKey,
    answer: ({ path }, { engine }) => json(engine.getKey(path.key_id)),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/keys/:key_id',
    access: 'admin',
    request: requestSchemas.revokeKey,
    answer: ({ path }, { engine }) => json(engine.revokeKey(path.key_id)),
  }),
  route({
    method: 'POST',
    path: '/api/v1/keys/:key_id/rotate',
    access: 'admin',
    idempotent: true,
    // The rotate request has no body; one that is sent is ignored (beyond the size limit).
    request: requestSchemas.rotateKey,
    answer: async ({ path }, { engine }) => json(await engine.rotateKey(path.key_id), 201),
  }),
];
