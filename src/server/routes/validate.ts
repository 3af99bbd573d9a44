import { extractApiKey } from '../../keys';
import type { ApiKeyHeaderRecord } from '../../keys';
import type { Engine } from '../engine';
import type { ValidateOutcome } from '../engine/types';
import { parseJsonObject, readBodyText } from '../http/body';
import { RequestProblem } from '../http/errors';
import { jsonParts, rateLimitHeaders, responseFromParts } from '../http/responses';
import type { ReplyParts } from '../http/responses';
import { parseWith, validateBody } from '../http/schemas';
import type { RouteDeps, ServerHono } from './deps';
import { resource } from './resource';

/** The validate route's path. */
export const VALIDATE_PATH = '/api/v1/keys/validate';

/**
 * A validation request as any transport hands it over.
 *
 * @example
 * const request: ValidationRequest = { headers: { authorization: 'Bearer hk_test_…' }, bodyText: '', connectionIp: '127.0.0.1' };
 */
export interface ValidationRequest {
  /** `Headers`, or a record with lower-case names (repeated headers joined with ", "). */
  headers: Headers | ApiKeyHeaderRecord;
  bodyText: string;
  /** The connection's address, used when the body has no `client_ip`. */
  connectionIp: string | null;
}

/** `POST /api/v1/keys/validate`: public; the key comes from a header or the body. */
export function registerValidateRoutes(app: ServerHono, { engine, clientIp }: RouteDeps): void {
  resource(app, VALIDATE_PATH, {
    POST: [
      async (c) =>
        responseFromParts(
          await validationReply(engine, { headers: c.req.raw.headers, bodyText: await readBodyText(c), connectionIp: clientIp(c) ?? null }),
        ),
    ],
  });
}

/**
 * The answer to a validation, before the headers every response gets. Synchronous when the
 * engine's hasher is (see `Engine.validateNow`). Bad input throws `RequestProblem` or
 * `EngineError`, which the caller turns into its 400.
 *
 * @example
 * const parts = validationReply(engine, { headers: new Headers({ 'X-API-Key': key }), bodyText: '', connectionIp: null });
 */
export function validationReply(engine: Engine, request: ValidationRequest): ReplyParts | Promise<ReplyParts> {
  const raw = parseJsonObject(request.bodyText, { optional: true });
  // No body: nothing to check (the schema has no defaults to fill in).
  const body = raw === undefined ? {} : parseWith(validateBody, raw);
  const found = extractApiKey(request.headers, body);
  if (!found) throw new RequestProblem(400, 'No API key provided');
  const outcome = engine.validateNow({
    apiKey: found.key,
    service_id: body.service_id ?? null,
    required_scope: body.required_scope ?? null,
    client_ip: body.client_ip ?? null,
    connectionIp: request.connectionIp,
  });
  return outcome instanceof Promise ? outcome.then(outcomeParts) : outcomeParts(outcome);
}

function outcomeParts(outcome: ValidateOutcome): ReplyParts {
  return jsonParts(outcome.body, outcome.status, rateLimitHeaders(outcome.rateLimit));
}
