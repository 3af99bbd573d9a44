import { readJsonObject } from '../http/body';
import { keyIdParam, optionalQuery } from '../http/params';
import { json } from '../http/responses';
import { parseWith, recordUsageBody } from '../http/schemas';
import type { RouteDeps, ServerHono } from './deps';
import { resource } from './resource';

/** Usage: record (no admin token, service to service), stats, billing and aggregate (admin). */
export function registerUsageRoutes(app: ServerHono, { engine, admin, idempotent }: RouteDeps): void {
  // Before `/api/v1/usage/:key_id`, so `aggregate` is never taken for a key id.
  resource(app, '/api/v1/usage/aggregate', {
    GET: [
      admin,
      (c) => {
        const filter: { service_id?: string; start_date?: string; end_date?: string } = {};
        for (const name of ['service_id', 'start_date', 'end_date'] as const) {
          const value = optionalQuery(c, name);
          if (value !== undefined) filter[name] = value;
        }
        return json(engine.aggregateUsage(filter));
      },
    ],
  });
  resource(app, '/api/v1/usage/:key_id', {
    POST: [
      idempotent,
      async (c) => {
        const keyId = keyIdParam(c);
        const body = parseWith(recordUsageBody, await readJsonObject(c));
        return json(engine.recordUsage(keyId, body));
      },
    ],
  });
  resource(app, '/api/v1/usage/:key_id/stats', {
    GET: [admin, (c) => json(engine.usageStats(keyIdParam(c), optionalQuery(c, 'period')))],
  });
  resource(app, '/api/v1/usage/:key_id/billing', {
    GET: [admin, (c) => json(engine.billing(keyIdParam(c)))],
  });
}
