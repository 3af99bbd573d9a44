import type { components } from '../../../generated/schema';

/**
 * One bad input field, as the API names it in the `errors` array of a 400/422 body (the spec's
 * `FieldError`).
 *
 * @example
 * const problem: FieldError = { field: 'name', message: 'Must be at most 100 characters long' };
 */
export type FieldError = components['schemas']['FieldError'];
