// Small building blocks: clock, hashers, IP allowlists, dates.
import { describe, expect, it } from 'vitest';
import { ManualClock, nobleHmacHasher, systemClock, webCryptoHmacHasher } from '../../../src/server';
import { nodeHmacHasher } from '../../../src/server/node';
import { ipAllowed, parseAllowEntry } from '../../../src/server/engine/ip';
import { monthRange, parseIsoDate, startOfNextMonth, toIsoSeconds } from '../../../src/server/engine/time';

describe('ManualClock', () => {
  it('starts where told and moves only when told', () => {
    const clock = new ManualClock('2025-01-31T23:59:00Z');
    expect(clock.now()).toBe(Date.UTC(2025, 0, 31, 23, 59));
    clock.advance(60_000);
    expect(toIsoSeconds(clock.now())).toBe('2025-02-01T00:00:00Z');
    clock.set(new Date('2025-03-01T00:00:00Z'));
    expect(clock.now()).toBe(Date.UTC(2025, 2, 1));
    clock.set(0);
    expect(clock.now()).toBe(0);
  });

  it('rejects dates and steps that are not numbers', () => {
    expect(() => new ManualClock('not a date')).toThrow(RangeError);
    expect(() => new ManualClock().advance(Number.NaN)).toThrow(RangeError);
  });

  it('systemClock follows the wall clock', () => {
    const before = Date.now();
    const now = systemClock.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});

describe('key hashers', () => {
  // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
  const secret = Buffer.from('Jefe').toString('hex');
  const message = 'what do ya want for nothing?';
  const expected = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';

  it('all compute the HMAC-SHA-256 of RFC 4231', async () => {
    expect(nobleHmacHasher(secret)(message)).toBe(expected);
    expect(nodeHmacHasher(secret)(message)).toBe(expected);
    expect(await webCryptoHmacHasher(secret)(message)).toBe(expected);
  });

  it('give different digests under different secrets', () => {
    expect(nobleHmacHasher('00'.repeat(32))(message)).not.toBe(nobleHmacHasher('01'.repeat(32))(message));
  });
});

describe('IP allowlists', () => {
  it.each([
    ['203.0.113.10', ['203.0.113.10'], true],
    ['203.0.113.11', ['203.0.113.10'], false],
    ['10.1.2.3', ['10.0.0.0/8'], true],
    ['11.0.0.1', ['10.0.0.0/8'], false],
    ['10.1.2.3', ['10.1.2.3/32'], true],
    ['8.8.8.8', ['0.0.0.0/0'], true],
    ['2001:db8::1', ['2001:db8::/32'], true],
    ['2001:db9::1', ['2001:db8::/32'], false],
    ['::1', ['::1'], true],
    ['::ffff:10.1.2.3', ['10.0.0.0/8'], true], // IPv4-mapped IPv6 from a dual-stack socket
    ['::ffff:11.1.2.3', ['10.0.0.0/8'], false],
    ['10.1.2.3', ['::ffff:10.0.0.0/104'], true], // IPv4 client against a mapped IPv6 range
    ['2001:db8::1', ['10.0.0.0/8'], false],
    ['10.1.2.3', ['2001:db8::/32'], false],
    ['not-an-ip', ['0.0.0.0/0'], false],
  ])('%s in %j → %s', (ip, list, allowed) => {
    expect(ipAllowed(ip, list)).toBe(allowed);
  });

  it.each(['10.0.0.0/33', '::/129', '10.0.0', '999.1.1.1', '10.0.0.1/', '/8', '0x0a.0.0.1', '10.0.0.1/8/8', 'fe80::1::2', ''])(
    'rejects %j as an allowlist entry',
    (entry) => {
      expect(parseAllowEntry(entry)).toBeUndefined();
    },
  );
});

describe('dates', () => {
  it('parses ISO 8601 dates and date-times, rejecting impossible ones', () => {
    expect(parseIsoDate('2025-01-15')).toEqual({ ms: Date.UTC(2025, 0, 15), dateOnly: true });
    expect(parseIsoDate('2025-01-15T10:30:00Z')).toEqual({ ms: Date.UTC(2025, 0, 15, 10, 30), dateOnly: false });
    expect(parseIsoDate('2025-01-15T10:30:00.250+02:00')?.ms).toBe(Date.UTC(2025, 0, 15, 8, 30, 0, 250));
    expect(parseIsoDate('2025-01-15T10:30')?.ms).toBe(Date.UTC(2025, 0, 15, 10, 30));
    for (const bad of ['2025-02-30', '2025-13-01', '2025-01-15T24:00:00Z', 'yesterday', '2025-1-5', '2025-01-15T10:30:00+25:00']) {
      expect(parseIsoDate(bad), bad).toBeUndefined();
    }
  });

  it('knows month ranges and the next billing date across year ends', () => {
    expect(monthRange('2024-12')).toEqual({ start: Date.UTC(2024, 11, 1), end: Date.UTC(2025, 0, 1) });
    expect(toIsoSeconds(startOfNextMonth(Date.UTC(2024, 11, 31, 23, 59, 59)))).toBe('2025-01-01T00:00:00Z');
    expect(toIsoSeconds(startOfNextMonth(Date.UTC(2024, 1, 29)))).toBe('2024-03-01T00:00:00Z');
  });
});
