/**
 * One invalid input field, as returned in `errors` of a 400 answer.
 *
 * @example
 * const problem: FieldError = { field: 'name', message: 'must be 1 to 100 characters' };
 */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * What kind of failure an `EngineError` is; the HTTP layer maps it to a status
 * (`invalid` → 400, `unauthorized` → 401, `forbidden` → 403, `not_found` → 404, `conflict` → 409).
 *
 * @example
 * if (error.kind === 'not_found') return 404;
 */
export type EngineErrorKind = 'invalid' | 'not_found' | 'conflict' | 'unauthorized' | 'forbidden';

/**
 * A failure the caller caused (bad input, unknown key). `detail` is safe to show: it never
 * contains an API key.
 *
 * @example
 * try { await engine.getKey(id); } catch (e) { if (e instanceof EngineError) console.log(e.detail); }
 */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  readonly kind: EngineErrorKind;
  readonly detail: string;
  readonly fieldErrors: FieldError[];

  constructor(kind: EngineErrorKind, detail: string, fieldErrors: FieldError[] = []) {
    super(detail);
    this.kind = kind;
    this.detail = detail;
    this.fieldErrors = fieldErrors;
  }
}

/** Thrown for an unknown key id. */
export function keyNotFound(): EngineError {
  return new EngineError('not_found', 'API key not found');
}

/** Thrown for input that breaks one or more rules. */
export function invalidInput(fieldErrors: FieldError[], detail = 'Invalid request body'): EngineError {
  return new EngineError('invalid', detail, fieldErrors);
}

/** Thrown for a path or query parameter that breaks its rule. */
export function invalidParameters(fieldErrors: FieldError[]): EngineError {
  return new EngineError('invalid', 'Invalid request parameters', fieldErrors);
}
