/**
 * What a store failure means for the request that met it, told from the error a SQLite driver
 * throws (better-sqlite3 sets `code`; other drivers `errcode` or only the message):
 * - `busy`: another connection holds the write lock; trying again shortly can succeed (503).
 * - `damaged`: the file is corrupt or unreadable; the server is not ready (503) until fixed.
 */
export type StoreFailure = 'busy' | 'damaged';

const BUSY = /^SQLITE_(BUSY|LOCKED)/;
const DAMAGED = /^SQLITE_(CORRUPT|NOTADB|IOERR|CANTOPEN)/;
const BUSY_TEXT = /database (table )?is locked|database is busy/i;
const DAMAGED_TEXT = /database disk image is malformed|file is not a database|disk I\/O error/i;
// Primary result codes, for drivers that give only the number.
const BUSY_CODES = new Set([5, 6]);
const DAMAGED_CODES = new Set([10, 11, 14, 26]);

/**
 * The kind of store failure `error` is, or undefined for anything else.
 *
 * @example
 * storeFailureOf(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })); // 'busy'
 */
export function storeFailureOf(error: unknown): StoreFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, errcode } = error as { code?: unknown; errcode?: unknown };
  if (typeof code === 'string') {
    if (BUSY.test(code)) return 'busy';
    if (DAMAGED.test(code)) return 'damaged';
  }
  if (typeof errcode === 'number') {
    if (BUSY_CODES.has(errcode & 0xff)) return 'busy';
    if (DAMAGED_CODES.has(errcode & 0xff)) return 'damaged';
  }
  if (BUSY_TEXT.test(error.message)) return 'busy';
  if (DAMAGED_TEXT.test(error.message)) return 'damaged';
  return undefined;
}
