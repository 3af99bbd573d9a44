/**
 * Why a value is not a well-formed API key. Checked in this order, the first problem wins:
 * `not_a_string`, `missing_prefix`, `missing_environment`, `unknown_environment`,
 * `bad_characters`, `wrong_length`.
 *
 * @example
 * const problem: ApiKeyFormatProblem = 'wrong_length';
 */
export type ApiKeyFormatProblem =
  | 'not_a_string'
  | 'missing_prefix'
  | 'missing_environment'
  | 'unknown_environment'
  | 'wrong_length'
  | 'bad_characters';

/**
 * Thrown by `assertApiKey` for a value that is not a well-formed API key.
 * `reason` says which rule failed; the message explains it and never contains the key.
 *
 * @example
 * try {
 *   assertApiKey(input);
 * } catch (error) {
 *   if (error instanceof ApiKeyFormatError && error.reason === 'wrong_length') {
 *     console.error(error.message); // 'API key secret must be exactly 32 characters (got 31)'
 *   }
 * }
 */
export class ApiKeyFormatError extends TypeError {
  override readonly name = 'ApiKeyFormatError';
  readonly reason: ApiKeyFormatProblem;

  constructor(reason: ApiKeyFormatProblem, message: string) {
    super(message);
    this.reason = reason;
  }
}
