import { readJsonObject } from '../http/body';
import { booleanQuery, keyIdParam, optionalQuery } from '../http/params';
import { json } from '../http/responses';
import { createKeyBody, parseWith } from '../http/schemas';
import type { RouteDeps, ServerHono } from './deps';
import { resource } from './resource';

/** Key management (admin token): create, list, get, rotate, revoke. */
export function registerKeyRoutes(app: ServerHono, { engine, admin, idempotent }: RouteDeps): void {
  resource(app, '/api/v1/keys', {
    POST: [
      admin,
      idempotent,
      async (c) => {
        const body = parseWith(createKeyBody, await readJsonObject(c));
        return json(await engine.createKey(body), 201);
      },
    ],
    GET: [
      admin,
      (c) => {
        const serviceId = optionalQuery(c, 'service_id');
        const activeOnly = booleanQuery(c, 'active_only');
        return json(engine.listKeys({ ...(serviceId === undefined ? {} : { service_id: serviceId }), active_only: activeOnly ?? false }));
      },
    ],
  });
}

/** Routes under `/api/v1/keys/:key_id`; registered after `/api/v1/keys/validate`. */
export function registerKeyIdRoutes(app: ServerHono, { engine, admin, idempotent }: RouteDeps): void {
  resource(app, '/api/v1/keys/:key_id', {
    GET: [admin, (c) => json(engine.getKey(keyIdParam(c)))],
    DELETE: [admin, (c) => json(engine.revokeKey(keyIdParam(c)))],
  });
  resource(app, '/api/v1/keys/:key_id/rotate', {
    // The rotate request has no body; one that is sent is ignored (beyond the size limit).
    POST: [admin, idempotent, async (c) => json(await engine.rotateKey(keyIdParam(c)), 201)],
  });
}
