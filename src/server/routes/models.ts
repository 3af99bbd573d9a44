import { extractApiKey } from '../../keys';
import { apiKeyHeaders } from './route';
import { json, problem, rateLimitHeaders } from '../http/responses';
import { route } from './route';
import type { Route } from './route';

/** `GET /v1/models`: the local stand-in for a Hokusai service that takes an API key. */
export const modelRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/v1/models',
    access: 'public',
    request: {},
    answer: async (_input, { engine, request }) => {
      const found = extractApiKey(apiKeyHeaders(request));
      if (!found) return problem(401, 'No API key provided', undefined, { 'WWW-Authenticate': 'Bearer' });
      const outcome = await engine.listModels({ apiKey: found.key, connectionIp: request.connectionIp });
      const headers = rateLimitHeaders(outcome.rateLimit);
      return outcome.status === 200 ? json(outcome.body, 200, headers) : problem(outcome.status, outcome.body.detail, undefined, headers);
    },
  }),
];
