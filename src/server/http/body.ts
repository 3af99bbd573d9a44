import type { Context } from 'hono';
import { RequestProblem } from './errors';

/**
 * Reads a Web request's body as text; a body that cannot be read is a 400.
 *
 * @example
 * const text = await readBodyText(c);
 */
export async function readBodyText(c: Context): Promise<string> {
  try {
    return await c.req.text();
  } catch {
    throw new RequestProblem(400, 'Could not read the request body');
  }
}
