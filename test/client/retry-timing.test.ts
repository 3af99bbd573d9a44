import { describe, expect, it } from 'vitest';
import { INITIAL_RETRY_DELAY_MS, MAX_BACKOFF_MS, retryDelayMs } from '../../src/client/retry/retry-delay';
import { parseRetryAfterMs } from '../../src/client/retry/retry-after';
import { isRetryableStatus } from '../../src/client/retry/should-retry';

/** retryDelayMs with the usual cap (60 s) and no jitter unless given. */
const delay = (retriesSoFar: number, retryAfterMs?: number, maxRetryDelayMs = 60_000, random = 0) =>
  retryDelayMs(retriesSoFar, retryAfterMs, maxRetryDelayMs, random);

describe('retryDelayMs: exponential backoff', () => {
  it('starts at 0.5 s and doubles, capped at 8 s', () => {
    expect(INITIAL_RETRY_DELAY_MS).toBe(500);
    expect(MAX_BACKOFF_MS).toBe(8_000);
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => delay(n))).toEqual([500, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
  });

  it('jitter takes off at most a quarter, so retries of many clients spread out', () => {
    expect(delay(0, undefined, 60_000, 0.5)).toBe(437.5);
    expect(delay(2, undefined, 60_000, 0.999_999)).toBeCloseTo(1_500, 2);
    for (const random of [0, 0.1, 0.37, 0.5, 0.9, 0.999]) {
      const ms = delay(1, undefined, 60_000, random)!;
      expect(ms).toBeGreaterThan(750);
      expect(ms).toBeLessThanOrEqual(1_000);
    }
  });

  it('never waits longer than maxRetryDelayMs', () => {
    expect(delay(4, undefined, 1_200)).toBe(1_200);
    expect(delay(0, undefined, 0)).toBe(0);
  });
});

describe('retryDelayMs: the server says how long', () => {
  it('waits exactly the server-asked delay, without jitter, even beyond the 8 s backoff cap', () => {
    expect(delay(0, 3_000, 60_000, 0.9)).toBe(3_000);
    expect(delay(0, 20_000)).toBe(20_000);
    expect(delay(3, 0)).toBe(0);
  });

  it('stops retrying when the server asks for more than maxRetryDelayMs', () => {
    expect(delay(0, 60_001)).toBeUndefined();
    expect(delay(0, 3_600_000)).toBeUndefined();
    expect(delay(0, 2_000, 1_000)).toBeUndefined();
  });

  it('falls back to backoff for an unusable server delay', () => {
    expect(delay(1, Number.NaN)).toBe(1_000);
    expect(delay(1, -5)).toBe(1_000);
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2025-01-15T10:30:00Z');
  const headers = (init: Record<string, string>) => new Headers(init);

  it('reads delay-seconds', () => {
    expect(parseRetryAfterMs(headers({ 'Retry-After': '7' }), now)).toBe(7_000);
    expect(parseRetryAfterMs(headers({ 'Retry-After': '0' }), now)).toBe(0);
  });

  it('reads an HTTP-date relative to the injected clock', () => {
    expect(parseRetryAfterMs(headers({ 'Retry-After': 'Wed, 15 Jan 2025 10:30:12 GMT' }), now)).toBe(12_000);
  });

  it('treats a date in the past as "now"', () => {
    expect(parseRetryAfterMs(headers({ 'Retry-After': 'Wed, 15 Jan 2025 10:00:00 GMT' }), now)).toBe(0);
  });

  it('prefers retry-after-ms, which may be fractional', () => {
    expect(parseRetryAfterMs(headers({ 'retry-after-ms': '250.5', 'Retry-After': '9' }), now)).toBe(250.5);
  });

  it('ignores values it cannot read', () => {
    expect(parseRetryAfterMs(headers({}), now)).toBeUndefined();
    expect(parseRetryAfterMs(headers({ 'Retry-After': 'soon' }), now)).toBeUndefined();
    expect(parseRetryAfterMs(headers({ 'Retry-After': '-3' }), now)).toBeUndefined();
    expect(parseRetryAfterMs(headers({ 'retry-after-ms': 'x', 'Retry-After': '2' }), now)).toBe(2_000);
  });
});

describe('isRetryableStatus', () => {
  it('retries 408, 409, 429 and every 5xx', () => {
    for (const status of [408, 409, 429, 500, 502, 503, 504, 599]) expect(isRetryableStatus(status)).toBe(true);
  });

  it('never retries a request that would fail the same way again', () => {
    for (const status of [400, 401, 403, 404, 405, 413, 422]) expect(isRetryableStatus(status)).toBe(false);
  });
});
