import type { Context } from 'hono';
import { RequestProblem } from './errors';

/**
 * Reads the request body as text; a body that cannot be read is a 400.
 */
export async function readBodyText(c: Context): Promise<string> {
  try {
    return await c.req.text();
  } catch {
    throw new RequestProblem(400, 'Could not read the request body');
  }
}

/**
 * Reads the request body as a JSON object (see `parseJsonObject`).
 */
export async function readJsonObject(c: Context, options: { optional?: boolean } = {}): Promise<Record<string, unknown> | undefined> {
  return parseJsonObject(await readBodyText(c), options);
}

/**
 * Parses a request body as a JSON object. An empty body gives `undefined` when `optional`,
 * else a 400 naming `body`; malformed JSON gives 400 "Malformed JSON body"; anything but an
 * object gives a 400 naming `body`. The Content-Type is not insisted on (curl `-d` sends form
 * type).
 *
 * @example
 * parseJsonObject('{"service_id":"prediction"}'); // { service_id: 'prediction' }
 * parseJsonObject('', { optional: true }); // undefined
 */
export function parseJsonObject(text: string, { optional = false } = {}): Record<string, unknown> | undefined {
  if (text.trim() === '') {
    if (optional) return undefined;
    throw new RequestProblem(400, 'Invalid request body', [{ field: 'body', message: 'Field required' }]);
  }
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
