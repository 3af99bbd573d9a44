import type { Context } from 'hono';
import { isUuid } from '../engine/uuid';
import { RequestProblem } from './errors';

const INVALID_PARAMETERS = 'Invalid request parameters';

/** The `key_id` path parameter, lower-cased; 400 naming `key_id` when it is not a UUID. */
export function keyIdParam(c: Context): string {
  const keyId = c.req.param('key_id') ?? '';
  if (!isUuid(keyId)) throw new RequestProblem(400, INVALID_PARAMETERS, [{ field: 'key_id', message: 'Must be a UUID' }]);
  return keyId.toLowerCase();
}

/** An optional string query parameter (the first when repeated). */
export function optionalQuery(c: Context, name: string): string | undefined {
  return c.req.query(name);
}

/** An optional boolean query parameter: `true`/`false` (also `1`/`0`), case-insensitive. */
export function booleanQuery(c: Context, name: string): boolean | undefined {
  const value = c.req.query(name);
  if (value === undefined || value === '') return undefined;
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === '1') return true;
  if (lower === 'false' || lower === '0') return false;
  throw new RequestProblem(400, INVALID_PARAMETERS, [{ field: name, message: 'Must be true or false' }]);
}
