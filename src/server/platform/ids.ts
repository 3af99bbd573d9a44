import { invalidParameters } from '../engine/errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The id in lower case; a 400 naming `field` when it is not a UUID.
 *
 * @example
 * requireUuid(path.org_id, 'org_id');
 */
export function requireUuid(value: string, field: string): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw invalidParameters([{ field, message: 'Must be a UUID' }]);
  return value.toLowerCase();
}
