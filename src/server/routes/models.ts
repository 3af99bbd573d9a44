import { extractApiKey } from '../../keys';
import { json, problem, rateLimitHeaders } from '../http/responses';
import type { RouteDeps, ServerHono } from './deps';
import { resource } from './resource';

/** `GET /v1/models`: the local stand-in for a Hokusai service that takes an API key. */
export function registerModelRoutes(app: ServerHono, { engine, clientIp }: RouteDeps): void {
  resource(app, '/v1/models', {
    GET: [
      async (c) => {
        const found = extractApiKey(c.req.raw.headers);
        if (!found) return problem(401, 'No API key provided', undefined, { 'WWW-Authenticate': 'Bearer' });
        const outcome = await engine.listModels({ apiKey: found.key, connectionIp: clientIp(c) ?? null });
        const headers = rateLimitHeaders(outcome.rateLimit);
        return outcome.status === 200 ? json(outcome.body, 200, headers) : problem(outcome.status, outcome.body.detail, undefined, headers);
      },
    ],
  });
}
