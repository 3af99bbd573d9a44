import type { FieldError } from '../engine/errors';
import { RequestProblem } from '../http/errors';
import type { HeaderRecord } from '../http/responses';
import { parseWith } from '../http/schemas';
import type { z } from 'zod';

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
 * `parseWith`, with one error per field: a value that breaks two rules of a field (an URL that
 * is neither a URL nor http) is named once, with its first message.
 *
 * @example
 * const body = parseFields(submitBody, raw);
 */
export function parseFields<S extends z.ZodType>(schema: S, data: unknown, detail?: string): z.output<S> {
  try {
    return parseWith(schema, data, detail);
  } catch (error) {
    if (!(error instanceof RequestProblem)) throw error;
    const seen = new Set<string>();
    throw new RequestProblem(error.status, error.detail, error.errors.filter((e) => !seen.has(e.field) && seen.add(e.field)));
  }
}
