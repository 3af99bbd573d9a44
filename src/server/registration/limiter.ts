import { RollingWindow } from './rolling-window';
import type { RegistrationSettings } from './settings';

/** Which limit refused a submission. */
export type LimitReason = 'banned' | 'ip' | 'domain' | 'global';

/**
 * A decision on one submission: admitted (and counted), or refused with the time to wait.
 *
 * @example
 * const decision = limiter.admit('203.0.113.7', 'acme.ai', false, now);
 * if (!decision.admitted) console.log(decision.reason, decision.retryAfterMs);
 */
export type Admission = { admitted: true } | { admitted: false; reason: LimitReason; retryAfterMs: number };

/** One limit as it stands. */
export interface WindowState {
  limit: number;
  remaining: number;
  windowMs: number;
  /** When the oldest counted submission leaves the window. */
  resetAt: number | undefined;
}

/** A temporary IP ban. */
export interface BanState {
  banned: boolean;
  expiresAt: number | undefined;
  violations: number;
}

const IP = (ip: string) => `ip\n${ip}`;
const DOMAIN = (domain: string) => `domain\n${domain}`;
const GLOBAL = 'global';

/**
 * The registration limits: per IP, per email domain and global rolling windows, and temporary
 * bans of IPs that keep going over. Held in memory (like the API keys' rate windows); a reset
 * or restart starts them afresh. Every method is synchronous: `admit` checks and counts in one
 * step, so concurrent submissions are counted exactly.
 *
 * @example
 * const limiter = new RegistrationLimiter(DEFAULT_REGISTRATION_SETTINGS);
 * limiter.admit('203.0.113.7', 'acme.ai', false, clock.now());
 */
export class RegistrationLimiter {
  readonly #settings: RegistrationSettings;
  readonly #submissions: RollingWindow;
  readonly #violations: RollingWindow;
  readonly #bans = new Map<string, number>();

  constructor(settings: RegistrationSettings) {
    this.#settings = settings;
    this.#submissions = new RollingWindow(settings.windowSeconds * 1000);
    this.#violations = new RollingWindow(settings.windowSeconds * 1000);
  }

  /**
   * Admits and counts one submission, or refuses it. A refusal by a limit is a violation of the
   * IP; `banAfterViolations` of them within the window ban it for `banSeconds`. Whitelisted
   * submissions are neither limited nor counted.
   */
  admit(ip: string, domain: string, whitelisted: boolean, now: number): Admission {
    if (whitelisted) return { admitted: true };
    const ban = this.ban(ip, now);
    if (ban.banned) return { admitted: false, reason: 'banned', retryAfterMs: ban.expiresAt! - now };
    const refusal = this.#refusal(ip, domain, now);
    if (refusal) {
      this.#violations.add(IP(ip), now);
      if (this.#violations.count(IP(ip), now) >= this.#settings.banAfterViolations) {
        this.#bans.set(ip, now + this.#settings.banSeconds * 1000);
      }
      return refusal;
    }
    this.#submissions.add(IP(ip), now);
    this.#submissions.add(DOMAIN(domain), now);
    this.#submissions.add(GLOBAL, now);
    return { admitted: true };
  }

  /** What `admit` would answer now, without counting anything. */
  peek(ip: string, domain: string | undefined, whitelisted: boolean, now: number): Admission {
    if (whitelisted) return { admitted: true };
    const ban = this.ban(ip, now);
    if (ban.banned) return { admitted: false, reason: 'banned', retryAfterMs: ban.expiresAt! - now };
    return this.#refusal(ip, domain, now) ?? { admitted: true };
  }

  ipWindow(ip: string, now: number): WindowState {
    return this.#state(IP(ip), this.#settings.ipLimit, now);
  }

  domainWindow(domain: string, now: number): WindowState {
    return this.#state(DOMAIN(domain), this.#settings.domainLimit, now);
  }

  globalWindow(now: number): WindowState {
    return this.#state(GLOBAL, this.#settings.globalLimit, now);
  }

  ban(ip: string, now: number): BanState {
    const expiresAt = this.#bans.get(ip);
    const violations = this.#violations.count(IP(ip), now);
    if (expiresAt !== undefined && expiresAt > now) return { banned: true, expiresAt, violations };
    if (expiresAt !== undefined) this.#bans.delete(ip);
    return { banned: false, expiresAt: undefined, violations };
  }

  /** Lifts a ban and forgets the IP's violations; false when it was not banned. */
  lift(ip: string, now: number): boolean {
    const wasBanned = this.ban(ip, now).banned;
    this.#bans.delete(ip);
    this.#violations.delete(IP(ip));
    return wasBanned;
  }

  clear(): void {
    this.#submissions.clear();
    this.#violations.clear();
    this.#bans.clear();
  }

  #refusal(ip: string, domain: string | undefined, now: number): Admission | undefined {
    const checks: [LimitReason, string, number][] = [['ip', IP(ip), this.#settings.ipLimit]];
    if (domain !== undefined) checks.push(['domain', DOMAIN(domain), this.#settings.domainLimit]);
    checks.push(['global', GLOBAL, this.#settings.globalLimit]);
    for (const [reason, key, limit] of checks) {
      const freeAt = this.#submissions.freeAt(key, limit, now);
      if (freeAt > now) return { admitted: false, reason, retryAfterMs: freeAt - now };
    }
    return undefined;
  }

  #state(key: string, limit: number, now: number): WindowState {
    const used = this.#submissions.count(key, now);
    return { limit, remaining: Math.max(0, limit - used), windowMs: this.#submissions.windowMs, resetAt: this.#submissions.oldestExpiry(key, now) };
  }
}
