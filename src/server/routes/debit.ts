import { requestSchemas } from '../boundary/schemas';
import { json } from '../http/responses';
import { route } from './route';
import type { Route } from './route';

/**
 * `POST /api/v1/usage/{key_id}/debit`: public like usage recording (service to service). The
 * idempotency key travels in the body, so the `Idempotency-Key` header replay is not used.
 */
export const debitRoute: Route = route({
  method: 'POST',
  path: '/api/v1/usage/:key_id/debit',
  access: 'public',
  request: requestSchemas.debitUsage,
  answer: ({ path, body }, { engine }) => {
    const outcome = engine.debit(path.key_id, body);
    return json(outcome.body, outcome.status);
  },
});
