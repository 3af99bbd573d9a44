import type { FieldError } from '../boundary/field-errors';

export type { FieldError };

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

/** Thrown for a path or query parameter that breaks its rule. */
export function invalidParameters(fieldErrors: FieldError[]): EngineError {
  return new EngineError('invalid', 'Invalid request parameters', fieldErrors);
}

/** Thrown for input the spec's schemas cannot judge alone (a month's total, an amount of the test controls). */
export function invalidInput(fieldErrors: FieldError[], detail = 'Invalid request body'): EngineError {
  return new EngineError('invalid', detail, fieldErrors);
}
