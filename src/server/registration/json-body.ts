import { RequestProblem } from '../http/errors';

/**
 * A request body as a JSON object: malformed JSON is a 400 of its own, anything but an object
 * a 400 naming `body`, an empty body `undefined` (the schema then names the missing fields).
 *
 * @example
 * parseJsonObjectText('{"token":"abc"}'); // { token: 'abc' }
 */
export function parseJsonObjectText(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RequestProblem(400, 'Malformed JSON body');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RequestProblem(400, 'Invalid request body', [{ field: 'body', message: 'Must be a JSON object' }]);
  }
  return value as Record<string, unknown>;
}
