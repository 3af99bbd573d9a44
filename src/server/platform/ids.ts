import { invalidParameters } from '../engine/errors';
import { isUuid } from '../engine/uuid';

/**
 * The id in lower case; a 400 naming `field` when it is not a UUID.
 *
 * @example
 * requireUuid(path.org_id, 'org_id');
 */
export function requireUuid(value: string, field: string): string {
  if (typeof value !== 'string' || !isUuid(value)) throw invalidParameters([{ field, message: 'Must be a UUID' }]);
  return value.toLowerCase();
}
