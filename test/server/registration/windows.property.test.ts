// Property tests of the registration windows against a plain model: at any time, a submission
// is admitted exactly when, in the last window, fewer than the limit were admitted from its IP,
// its domain and in all; a refusal's Retry-After is exactly when the blocking one leaves.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/server';
import { RegistrationLimiter } from '../../../src/server/registration/limiter';
import { DEFAULT_REGISTRATION_SETTINGS } from '../../../src/server/registration/settings';
import { makeTestApp } from '../support';
import { ACME } from './helpers';

const WINDOW_S = 60;
const step = fc.record({
  advanceMs: fc.integer({ min: 0, max: 30_000 }),
  ip: fc.constantFrom('10.0.0.1', '10.0.0.2', '10.0.0.3'),
  domain: fc.constantFrom('a.org', 'b.org'),
});
const limits = fc.record({ ipLimit: fc.integer({ min: 1, max: 4 }), domainLimit: fc.integer({ min: 1, max: 6 }), globalLimit: fc.integer({ min: 1, max: 8 }) });

interface Admitted {
  at: number;
  ip: string;
  domain: string;
}

/** The model: which limit blocks, and until when, from the list of admitted submissions. */
function modelDecision(admitted: Admitted[], now: number, ip: string, domain: string, l: { ipLimit: number; domainLimit: number; globalLimit: number }) {
  const live = admitted.filter((a) => a.at > now - WINDOW_S * 1000);
  for (const [reason, items, limit] of [
    ['ip', live.filter((a) => a.ip === ip), l.ipLimit],
    ['domain', live.filter((a) => a.domain === domain), l.domainLimit],
    ['global', live, l.globalLimit],
  ] as const) {
    if (items.length >= limit) return { admitted: false as const, reason, retryAfterMs: items[items.length - limit]!.at + WINDOW_S * 1000 - now };
  }
  return { admitted: true as const };
}

describe('registration rolling windows (property)', () => {
  it('admit matches the model for any sequence of submissions and clock moves', () => {
    fc.assert(
      fc.property(limits, fc.array(step, { maxLength: 80 }), (l, steps) => {
        const clock = new ManualClock('2025-01-15T10:30:00Z');
        // Bans off: this property is about the windows alone.
        const limiter = new RegistrationLimiter({ ...DEFAULT_REGISTRATION_SETTINGS, ...l, windowSeconds: WINDOW_S, banAfterViolations: 1_000_000 });
        const admitted: Admitted[] = [];
        for (const s of steps) {
          clock.advance(s.advanceMs);
          const now = clock.now();
          const expected = modelDecision(admitted, now, s.ip, s.domain, l);
          expect(limiter.peek(s.ip, s.domain, false, now)).toEqual(expected);
          expect(limiter.admit(s.ip, s.domain, false, now)).toEqual(expected);
          if (expected.admitted) admitted.push({ at: now, ip: s.ip, domain: s.domain });
          const liveFromIp = admitted.filter((a) => a.ip === s.ip && a.at > now - WINDOW_S * 1000).length;
          expect(limiter.ipWindow(s.ip, now).remaining).toBe(Math.max(0, l.ipLimit - liveFromIp));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('bans exactly after banAfterViolations refusals in the window, for banSeconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 120 }), fc.array(fc.integer({ min: 0, max: 20_000 }), { maxLength: 40 }), (banAfter, banSeconds, gaps) => {
        const clock = new ManualClock('2025-01-15T10:30:00Z');
        const limiter = new RegistrationLimiter({ ...DEFAULT_REGISTRATION_SETTINGS, ipLimit: 1, windowSeconds: WINDOW_S, banAfterViolations: banAfter, banSeconds });
        const violations: number[] = [];
        let bannedUntil = -Infinity;
        let lastAdmitted = -Infinity;
        for (const gap of gaps) {
          clock.advance(gap);
          const now = clock.now();
          const decision = limiter.admit('10.0.0.9', 'a.org', false, now);
          if (now < bannedUntil) {
            expect(decision).toEqual({ admitted: false, reason: 'banned', retryAfterMs: bannedUntil - now });
            continue;
          }
          if (lastAdmitted > now - WINDOW_S * 1000) {
            expect(decision).toMatchObject({ admitted: false, reason: 'ip' });
            violations.push(now);
            if (violations.filter((at) => at > now - WINDOW_S * 1000).length >= banAfter) bannedUntil = now + banSeconds * 1000;
          } else {
            expect(decision).toEqual({ admitted: true });
            lastAdmitted = now;
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('over HTTP with the test controls’ clock, 201s and 429s follow the model', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 3 }), fc.array(step, { minLength: 1, maxLength: 12 }), async (ipLimit, steps) => {
        const t = makeTestApp({ registration: { ipLimit, domainLimit: 1000, globalLimit: 1000, windowSeconds: WINDOW_S, banAfterViolations: 1_000_000 } });
        const admitted: Admitted[] = [];
        let n = 0;
        for (const s of steps) {
          t.app.controls.clock.advance(s.advanceMs);
          const now = t.app.controls.clock.now();
          const expected = modelDecision(admitted, now, s.ip, s.domain, { ipLimit, domainLimit: 1000, globalLimit: 1000 });
          const res = await t.request('/register', { method: 'POST', json: { ...ACME, contact_email: `p${(n += 1)}@${s.domain}` }, ip: s.ip });
          expect(res.status).toBe(expected.admitted ? 201 : 429);
          if (expected.admitted) admitted.push({ at: now, ip: s.ip, domain: s.domain });
          else expect(res.headers.get('retry-after')).toBe(String(Math.ceil(expected.retryAfterMs / 1000)));
        }
      }),
      { numRuns: 25 },
    );
  });
});
