/** Date arithmetic in UTC for expiry, usage periods and billing dates. */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** ISO 8601 UTC with whole seconds, as the API shows times: `2025-01-15T10:30:00Z`. */
export function toIsoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Drops the milliseconds, so a stored time equals the time the API shows. */
export function floorToSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** `YYYY-MM` of the UTC month containing `ms`. */
export function periodOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

/** `YYYY-MM-DD` of the UTC day containing `ms`. */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Start (inclusive) and end (exclusive) of a `YYYY-MM` period (the spec's schema checked its form). */
export function monthRange(period: string): { start: number; end: number } {
  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(5, 7)) - 1;
  return { start: Date.UTC(year, month, 1), end: Date.UTC(year, month + 1, 1) };
}

/** 00:00Z on the 1st of the month after the one containing `ms`. */
export function startOfNextMonth(ms: number): number {
  const date = new Date(ms);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses an ISO 8601 date (`2025-01-15`) or date-time (`2025-01-15T10:30:00Z`; no zone means
 * UTC). Rejects impossible dates such as `2025-02-30`. `dateOnly` tells whether a time was given.
 */
export function parseIsoDate(text: string): { ms: number; dateOnly: boolean } | undefined {
  const dateOnly = DATE_ONLY.exec(text);
  if (dateOnly) {
    const ms = utcIfReal(Number(dateOnly[1]), Number(dateOnly[2]), Number(dateOnly[3]), 0, 0, 0);
    return ms === undefined ? undefined : { ms, dateOnly: true };
  }
  const dateTime = DATE_TIME.exec(text);
  if (!dateTime) return undefined;
  const [, year, month, day, hour, minute, second = '0', fraction = '0', zone = 'Z'] = dateTime;
  const base = utcIfReal(Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second));
  if (base === undefined) return undefined;
  const offsetMinutes = zoneOffsetMinutes(zone);
  if (offsetMinutes === undefined) return undefined;
  const ms = base + Math.floor(Number(`0.${fraction}`) * 1000) - offsetMinutes * 60_000;
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? { ms, dateOnly: false } : undefined;
}

function utcIfReal(year: number, month: number, day: number, hour: number, minute: number, second: number) {
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  const real = check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day;
  return real ? ms : undefined;
}

function zoneOffsetMinutes(zone: string): number | undefined {
  if (zone === 'Z' || zone === 'z') return 0;
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!match) return undefined;
  const hours = Number(match[2]);
  const minutes = Number(match[3]);
  if (hours > 23 || minutes > 59) return undefined;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/**
 * Epoch ms of a Date, a number or an ISO 8601 string (impossible dates such as `2025-02-30`
 * are refused); throws a RangeError otherwise.
 */
export function toEpochMs(value: Date | number | string): number {
  const ms =
    value instanceof Date ? value.getTime() : typeof value === 'number' ? value : typeof value === 'string' ? parseIsoDate(value)?.ms : NaN;
  if (ms === undefined || !Number.isFinite(ms) || Math.abs(ms) > 8.64e15) {
    throw new RangeError('Expected a date: a Date, epoch milliseconds or an ISO 8601 string such as 2025-01-15T10:30:00Z');
  }
  return ms;
}
