import type { Context } from 'hono';
import { RequestProblem } from './errors';

/**
 * Reads the request body as JSON. An empty body gives `undefined` when `optional`, else a 400
 * naming `body`; malformed JSON gives 400 "Malformed JSON body"; anything but an object gives
 * a 400 naming `body`. The Content-Type is not insisted on (curl `-d` sends form type).
 */
export async function readJsonObject(c: Context, { optional = false } = {}): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await c.req.text();
  } catch {
    throw new RequestProblem(400, 'Could not read the request body');
  }
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
