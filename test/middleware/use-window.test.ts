// The hourly count behind the guard's rate limit: what it lets through, when uses leave it, and
// how it reports the hour.
import { describe, expect, it } from 'vitest';
import { HOUR_MS, UseWindow } from '../../src/middleware/use-window';

const T0 = Date.parse('2025-01-15T10:30:00.250Z');

describe('UseWindow', () => {
  it('lets `limit` uses through in an hour, in one second or spread over many, then refuses', () => {
    const window = new UseWindow();
    expect([window.take(3, T0), window.take(3, T0 + 10), window.take(3, T0 + 5_000)]).toEqual([true, true, true]);
    expect(window.take(3, T0 + 6_000)).toBe(false);
    expect(window.count(3, T0 + 6_000)).toEqual({ allowed: false, limit: 3, remaining: 0, reset: Math.floor(T0 / 1000) + 1 + HOUR_MS / 1000 });
  });

  it('lets a use leave an hour after the end of its second, never sooner', () => {
    const window = new UseWindow();
    window.take(2, T0);
    window.take(2, T0 + 2_000);
    const firstLeaves = (Math.floor(T0 / 1000) + 1) * 1000 + HOUR_MS;
    expect(window.take(2, firstLeaves - 1)).toBe(false);
    expect(window.take(2, firstLeaves)).toBe(true);
    expect(window.count(2, firstLeaves)).toMatchObject({ allowed: false, remaining: 0 });
    // Hours later every earlier use has left: the hour holds only the new one, until it leaves.
    const later = T0 + 3 * HOUR_MS;
    expect(window.count(5, later)).toEqual({ allowed: true, limit: 5, remaining: 4, reset: (Math.floor(later / 1000) + 1 + HOUR_MS / 1000) });
  });

  it('never lets more through when the clock goes back', () => {
    const window = new UseWindow();
    expect(window.take(2, T0 + 10_000)).toBe(true);
    expect(window.take(2, T0)).toBe(true);
    expect(window.take(2, T0 - 60_000)).toBe(false);
    expect(window.take(2, T0 + 10_000 + HOUR_MS)).toBe(false);
    expect(window.take(2, T0 + 11_000 + HOUR_MS)).toBe(true);
  });

  it('raises its count to what the auth service counted, and absorbs another window’s uses', () => {
    const window = new UseWindow();
    window.take(10, T0);
    window.raise(4, T0 + 1_000);
    expect(window.count(10, T0 + 1_000)).toMatchObject({ allowed: true, remaining: 5 });
    window.raise(2, T0 + 1_000);
    const other = new UseWindow();
    other.raise(3, T0 + 2_000);
    window.absorb(other, T0 + 2_000);
    expect(window.count(10, T0 + 2_000)).toMatchObject({ allowed: true, remaining: 1 });
    expect([window.take(10, T0 + 2_000), window.take(10, T0 + 2_000)]).toEqual([true, false]);
  });
});
