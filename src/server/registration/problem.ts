import type { z } from 'zod';
import { parseInput } from '../boundary/parse';
import { EngineError } from '../engine/errors';
import type { FieldError } from '../engine/errors';
import { RequestProblem, STATUS_BY_KIND } from '../http/errors';
import type { HeaderRecord } from '../http/responses';

/**
 * A registration request the caller cannot have: a status, a safe text, the bad fields and any
 * headers the answer needs (`Retry-After` on 429). The routes answer it in JSON or as a page.
 *
 * @example
 * throw new RegistrationProblem(410, 'This link has already been used');
 */
export class RegistrationProblem extends RequestProblem {
  constructor(
    status: number,
    detail: string,
    errors: FieldError[] = [],
    readonly headers: HeaderRecord = {},
  ) {
    super(status, detail, errors);
  }
}

/** A 400 naming one field. */
export const fieldProblem = (field: string, message: string, detail = 'Invalid request body') =>
  new RegistrationProblem(400, detail, [{ field, message }]);

/**
 * The answer parts of a failure the caller caused (a `RequestProblem` or an `EngineError`);
 * undefined for anything else (a 500, answered by the dispatcher).
 *
 * @example
 * const problem = problemOf(error); // { status: 429, detail: '…', errors: [], headers: { 'retry-after': '60' } }
 */
export function problemOf(error: unknown): { status: number; detail: string; errors: FieldError[]; headers: HeaderRecord } | undefined {
  if (error instanceof RegistrationProblem) return { status: error.status, detail: error.detail, errors: error.errors, headers: error.headers };
  if (error instanceof RequestProblem) return { status: error.status, detail: error.detail, errors: error.errors, headers: {} };
  if (error instanceof EngineError) return { status: STATUS_BY_KIND[error.kind], detail: error.detail, errors: error.fieldErrors, headers: {} };
  return undefined;
}

/**
 * `parseInput`, with one error per field: a value that breaks two rules of a field (an URL that
 * is neither a URL nor http) is named once, with its first message.
 *
 * @example
 * const body = parseFields(submitBody, raw);
 */
export function parseFields<S extends z.ZodType>(schema: S, data: unknown, detail?: string): z.output<S> {
  try {
    return parseInput(schema, data, detail);
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    const seen = new Set<string>();
    throw new EngineError(error.kind, error.detail, error.fieldErrors.filter((e) => !seen.has(e.field) && seen.add(e.field)));
  }
}
