import { readJsonObject } from '../http/body';
import { keyIdParam } from '../http/params';
import { json } from '../http/responses';
import { debitUsageBody, parseWith } from '../http/schemas';
import type { RouteDeps, ServerHono } from './deps';
import { resource } from './resource';

/**
 * `POST /api/v1/usage/{key_id}/debit`: public like usage recording (service to service). The
 * idempotency key travels in the body, so the `Idempotency-Key` header replay is not used.
 */
export function registerDebitRoutes(app: ServerHono, { engine }: RouteDeps): void {
  resource(app, '/api/v1/usage/:key_id/debit', {
    POST: [
      async (c) => {
        const keyId = keyIdParam(c);
        const body = parseWith(debitUsageBody, await readJsonObject(c));
        const outcome = engine.debit(keyId, body);
        return json(outcome.body, outcome.status);
      },
    ],
  });
}
