/**
 * How long the server asked us to wait, in ms, or `undefined` if it did not say (or said
 * something unreadable). `retry-after-ms` (milliseconds, may be fractional) wins over
 * `Retry-After`, which is either delay-seconds or an HTTP-date.
 */
export function parseRetryAfterMs(headers: Headers, now: number): number | undefined {
  const ms = Number(headers.get('retry-after-ms') ?? Number.NaN);
  if (ms >= 0) return ms;
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  // RFC 9110 §10.2.3: Retry-After = HTTP-date / delay-seconds (delay-seconds = 1*DIGIT).
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // Dates have a day or month name; without this Date.parse would read '-3' as a year.
  const date = /[a-z]/i.test(value) ? Date.parse(value) : Number.NaN;
  return date >= 0 ? Math.max(0, date - now) : undefined;
}
