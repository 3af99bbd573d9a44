import type { HeaderRecord } from '../http/responses';

/**
 * `Cache-Control: no-store` on every answer that does not choose its own caching: API answers
 * carry keys (create, rotate), admin data and validation results, none of which a browser or a
 * proxy may keep.
 *
 * @example
 * const headers: HeaderRecord = {};
 * addNoStore(headers); // headers['cache-control'] === 'no-store'
 */
export function addNoStore(headers: HeaderRecord): void {
  if (headers['cache-control'] === undefined) headers['cache-control'] = 'no-store';
}
