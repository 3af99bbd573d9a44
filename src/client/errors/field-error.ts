/**
 * One bad input field, as the API names it in the `errors` array of a 400/422 body.
 *
 * @example
 * const problem: FieldError = { field: 'name', message: 'name must be 1-100 characters' };
 */
export interface FieldError {
  field: string;
  message: string;
}
