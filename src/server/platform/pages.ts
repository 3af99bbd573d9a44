import { invalidParameters } from '../engine/errors';
import type { PageRequest } from '../store/platform-types';
import type { Page } from './types';

/** Items in a page when the caller gives no `limit`. */
export const DEFAULT_PAGE_LIMIT = 50;
/** The largest `limit`. */
export const MAX_PAGE_LIMIT = 100;

/**
 * What a list call may ask for (`limit` 1–100, `cursor` from the previous page).
 *
 * @example
 * const query: PageQuery = { limit: 10, cursor: page.next_cursor ?? undefined };
 */
export interface PageQuery {
  limit?: number;
  cursor?: string;
}

/**
 * The store request for a page: one row more than asked, to know whether another page follows.
 *
 * @example
 * const rows = store.platform.listMembers(orgId, pageRequest(query));
 */
export function pageRequest(query: PageQuery = {}): PageRequest {
  const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
    throw invalidParameters([{ field: 'limit', message: `Must be an integer from 1 to ${MAX_PAGE_LIMIT}` }]);
  }
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  return { limit: limit + 1, ...(after === undefined ? {} : { after }) };
}

/**
 * A page of `rows` (fetched with `pageRequest`) shown with `view`.
 *
 * @example
 * return toPage(rows, request, toMember);
 */
export function toPage<R extends { seq: number }, T>(rows: R[], request: PageRequest, view: (row: R) => T): Page<T> {
  const limit = request.limit - 1;
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return { data: shown.map(view), next_cursor: rows.length > limit && last ? encodeCursor(last.seq) : null };
}

function encodeCursor(position: number): string {
  return btoa(JSON.stringify({ p: position })).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

function decodeCursor(cursor: string): number {
  try {
    const json = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    const position = (JSON.parse(json) as { p?: unknown }).p;
    if (typeof position === 'number' && Number.isSafeInteger(position) && position >= 0) return position;
  } catch {
    // Not base64 or not JSON: the same answer as any other unknown cursor.
  }
  throw invalidParameters([{ field: 'cursor', message: 'Unknown cursor: pass the next_cursor of a previous page' }]);
}
