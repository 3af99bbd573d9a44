import { HTTPException } from 'hono/http-exception';
import type { FieldError } from '../boundary/field-errors';
import { EngineError } from '../engine/errors';
import type { EngineErrorKind } from '../engine/errors';
import { problem } from './responses';
import type { ReplyParts } from './responses';
import { storeUnavailableParts } from './store-unavailable';

/** The HTTP status of each engine error kind. */
export const STATUS_BY_KIND: Record<EngineErrorKind, number> = { invalid: 400, unauthorized: 401, forbidden: 403, not_found: 404, conflict: 409 };

/**
 * A failure of the request itself, raised at the boundary (malformed JSON, schema errors,
 * missing key); turned into its JSON answer by `errorReply`.
 */
export class RequestProblem extends Error {
  override readonly name = 'RequestProblem';
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors: FieldError[] = [],
  ) {
    super(detail);
  }
}

/**
 * A logger for unexpected failures; never given request data, so no secret can reach it.
 *
 * @example
 * const logger: ServerLogger = { error: (message, error) => myLogger.error({ err: error }, message) };
 */
export interface ServerLogger {
  error(message: string, error?: unknown): void;
}

/**
 * The JSON answer for anything thrown while handling a request. Failures the caller caused
 * keep their status and text; anything else is a 500 with a generic text (details go to the
 * logger only).
 *
 * @example
 * errorReply(new RequestProblem(400, 'No API key provided'), console).status; // 400
 */
export function errorReply(error: unknown, logger: ServerLogger | undefined): ReplyParts {
  if (error instanceof RequestProblem) return problem(error.status, error.detail, error.errors);
  if (error instanceof EngineError) return problem(STATUS_BY_KIND[error.kind], error.detail, error.fieldErrors);
  if (error instanceof HTTPException && error.status < 500) {
    return problem(error.status, error.status === 413 ? 'Request body too large' : error.message || 'Bad request');
  }
  const unavailable = storeUnavailableParts(error, logger);
  if (unavailable) return unavailable;
  logger?.error('Unexpected error while handling a request', error);
  return problem(500, 'Internal server error');
}
