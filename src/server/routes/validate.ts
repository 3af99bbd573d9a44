import { extractApiKey } from '../../keys';
import { apiKeyHeaders } from './route';
import { requestSchemas } from '../boundary/schemas';
import type { ValidateOutcome } from '../engine/types';
import { RequestProblem } from '../http/errors';
import { json, rateLimitHeaders } from '../http/responses';
import type { ReplyParts } from '../http/responses';
import { route } from './route';
import type { Route } from './route';

/**
 * `POST /api/v1/keys/validate`: public; the key comes from a header or the body. Answered
 * without a promise when the engine's hasher is synchronous (see `Engine.validateNow`), which
 * lets the Node fast transport write the answer in the turn that read the request.
 */
export const validateRoute: Route = route({
  method: 'POST',
  path: '/api/v1/keys/validate',
  access: 'public',
  request: requestSchemas.validate,
  answer: ({ body }, { engine, request }) => {
    const found = extractApiKey(apiKeyHeaders(request), body);
    if (!found) throw new RequestProblem(400, 'No API key provided');
    const outcome = engine.validateNow({
      apiKey: found.key,
      service_id: body.service_id ?? null,
      required_scope: body.required_scope ?? null,
      client_ip: body.client_ip ?? null,
      connectionIp: request.connectionIp,
    });
    return outcome instanceof Promise ? outcome.then(outcomeReply) : outcomeReply(outcome);
  },
});

function outcomeReply(outcome: ValidateOutcome): ReplyParts {
  return json(outcome.body, outcome.status, rateLimitHeaders(outcome.rateLimit));
}
