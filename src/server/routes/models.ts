import { extractApiKey } from '../../keys';
import { json, problem, setRateLimitHeaders } from '../http/responses';
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
        const response = outcome.status === 200 ? json(outcome.body) : problem(outcome.status, outcome.body.detail);
        setRateLimitHeaders(response.headers, outcome.rateLimit);
        return response;
      },
    ],
  });
}
