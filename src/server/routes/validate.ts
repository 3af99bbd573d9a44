import { extractApiKey } from '../../keys';
import { readJsonObject } from '../http/body';
import { RequestProblem } from '../http/errors';
import { json, rateLimitHeaders } from '../http/responses';
import { parseWith, validateBody } from '../http/schemas';
import type { RouteDeps, ServerHono } from './deps';
import { resource } from './resource';

/** `POST /api/v1/keys/validate`: public; the key comes from a header or the body. */
export function registerValidateRoutes(app: ServerHono, { engine, clientIp }: RouteDeps): void {
  resource(app, '/api/v1/keys/validate', {
    POST: [
      async (c) => {
        const raw = await readJsonObject(c, { optional: true });
        // No body: nothing to check (the schema has no defaults to fill in).
        const body = raw === undefined ? {} : parseWith(validateBody, raw);
        const found = extractApiKey(c.req.raw.headers, body);
        if (!found) throw new RequestProblem(400, 'No API key provided');
        const outcome = await engine.validate({
          apiKey: found.key,
          service_id: body.service_id ?? null,
          required_scope: body.required_scope ?? null,
          client_ip: body.client_ip ?? null,
          connectionIp: clientIp(c) ?? null,
        });
        return json(outcome.body, outcome.status, rateLimitHeaders(outcome.rateLimit));
      },
    ],
  });
}
