import { requestSchemas } from '../boundary/schemas';
import { json } from '../http/responses';
import { route } from './route';
import type { Route } from './route';

/** Usage: record (no admin token, service to service), stats, billing and aggregate (admin). */
export const usageRoutes: Route[] = [
  // Before `/api/v1/usage/:key_id`, so `aggregate` is never taken for a key id.
  route({
    method: 'GET',
    path: '/api/v1/usage/aggregate',
    access: 'admin',
    request: requestSchemas.usageAggregate,
    answer: ({ query }, { engine }) => json(engine.aggregateUsage(query)),
  }),
  route({
    method: 'POST',
    path: '/api/v1/usage/:key_id',
    access: 'public',
    idempotent: true,
    request: requestSchemas.recordUsage,
    answer: ({ path, body }, { engine }) => json(engine.recordUsage(path.key_id, body)),
  }),
  route({
    method: 'GET',
    path: '/api/v1/usage/:key_id/stats',
    access: 'admin',
    request: requestSchemas.usageStats,
    answer: ({ path, query }, { engine }) => json(engine.usageStats(path.key_id, query.period)),
  }),
  route({
    method: 'GET',
    path: '/api/v1/usage/:key_id/billing',
    access: 'admin',
    request: requestSchemas.billing,
    answer: ({ path }, { engine }) => json(engine.billing(path.key_id)),
  }),
];
