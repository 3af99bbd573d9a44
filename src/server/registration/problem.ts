import type { FieldError } from '../engine/errors';
import { RequestProblem } from '../http/errors';
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
