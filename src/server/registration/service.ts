import { createKeyBody } from '../boundary/schemas';
import type { Clock } from '../clock';
import type { Engine } from '../engine';
import type { ApiKeyInfo } from '../engine/types';
import { parseIp } from '../engine/ip';
import { randomUuid } from '../engine/uuid';
import type { Outbox } from '../outbox/outbox';
import type { RegistrationStatus, StoredRegistration, StoredWhitelistEntry } from '../store/registration-types';
import { emailDomain, emailKey, isEmailShaped } from './email';
import { loadDisposableDomains, screen } from './fraud';
import { RegistrationLimiter } from './limiter';
import type { LimitReason, WindowState } from './limiter';
import { rejectionMail, verificationMail, welcomeMail } from './mails';
import { recordOrganization } from './organizations';
import { fieldProblem, RegistrationProblem } from './problem';
import type { RegistrationSettings } from './settings';
import { isTokenShaped, newToken, openWithToken, sealWithToken, tokenHash } from './tokens';
import { createdView, detailView, statusView, whitelistView } from './views';

/** A submission's fields, as the spec's `RegistrationRequest` after parsing. */
export interface RegistrationInput {
  organization_name: string;
  contact_email: string;
  contact_name: string;
  website_url?: string | null;
  use_case: string;
  captcha_token?: string;
}

/** Where a request came from: its address (for limits) and the server's origin (for mail links). */
export interface RequestOrigin {
  ip: string | undefined;
  /** `http://127.0.0.1:8787`: links in mails point here. */
  origin: string;
}

/**
 * Decides a CAPTCHA token; the stub has no real CAPTCHA, so tests set it to pass or fail.
 *
 * @example
 * const verifier: CaptchaVerifier = (token) => token === 'pass';
 */
export type CaptchaVerifier = (token: string, ip: string | undefined) => boolean | Promise<boolean>;

const LIMIT_TEXT: Record<LimitReason, string> = {
  banned: 'This IP address is temporarily banned from registering',
  ip: 'Too many registrations from this IP address; retry later',
  domain: 'Too many registrations from this email domain; retry later',
  global: 'Too many registrations; retry later',
};
const NOT_FOUND = 'Registration not found';
const PAGE_DEFAULT = 20;
const UNKNOWN_IP = 'unknown';

/**
 * Registration and its administration: submit → verify email (→ fraud screening) → admin
 * approval (key, organization, welcome mail with a claim link) or rejection (mail; re-apply
 * allowed). Mails go to the outbox. Each check-then-write is synchronous, so concurrent
 * requests cannot both pass a check that only one may pass.
 *
 * @example
 * const registrations = new RegistrationService({ engine, outbox, settings });
 * const created = await registrations.submit(body, { ip: '203.0.113.7', origin: 'http://127.0.0.1:8787' });
 */
export class RegistrationService {
  readonly settings: RegistrationSettings;
  readonly limiter: RegistrationLimiter;
  readonly #engine: Engine;
  readonly #outbox: Outbox;
  #captcha: CaptchaVerifier;

  constructor(options: { engine: Engine; outbox: Outbox; settings: RegistrationSettings; captcha?: CaptchaVerifier }) {
    this.#engine = options.engine;
    this.#outbox = options.outbox;
    this.settings = options.settings;
    this.limiter = new RegistrationLimiter(options.settings);
    this.#captcha = options.captcha ?? (() => true);
  }

  get #store() {
    return this.#engine.store.registrations;
  }

  get #clock(): Clock {
    return this.#engine.clock;
  }

  /** Replaces the CAPTCHA verifier (test controls). */
  setCaptchaVerifier(verifier: CaptchaVerifier): void {
    this.#captcha = verifier;
  }

  /** Forgets the limits and bans (the store's registrations are cleared with the store). */
  reset(): void {
    this.limiter.clear();
  }

  async submit(input: RegistrationInput, from: RequestOrigin) {
    if (this.settings.captcha) {
      if (input.captcha_token === undefined) throw fieldProblem('captcha_token', 'Required when CAPTCHA is on');
      if (!(await this.#captcha(input.captcha_token, from.ip))) throw fieldProblem('captcha_token', 'CAPTCHA verification failed');
    }
    // From here on, nothing awaits: the limit check, the duplicate check and the insert are one step.
    const now = this.#clock.now();
    const email = input.contact_email.trim();
    if (!isEmailShaped(email)) throw fieldProblem('contact_email', 'Must be an email address');
    const domain = emailDomain(email);
    const ip = normalIp(from.ip);
    const admission = this.limiter.admit(ip, domain, this.#whitelisted(ip, domain), now);
    if (!admission.admitted) {
      throw new RegistrationProblem(429, LIMIT_TEXT[admission.reason], [], { 'retry-after': String(Math.max(1, Math.ceil(admission.retryAfterMs / 1000))) });
    }
    const existing = this.#store.latestByEmail(emailKey(email));
    if (existing && existing.status !== 'rejected') throw new RegistrationProblem(409, 'A registration for this email is already in progress');

    const token = newToken();
    const registration = this.#store.insert({
      id: randomUuid(),
      organization_name: input.organization_name.trim(),
      contact_email: email,
      email_key: emailKey(email),
      email_domain: domain,
      contact_name: input.contact_name.trim(),
      website_url: input.website_url ?? null,
      use_case: input.use_case.trim(),
      status: 'pending_email_verification',
      flags: [],
      status_history: [{ status: 'pending_email_verification', at: now }],
      client_ip: from.ip === undefined ? null : ip,
      created_at: now,
      updated_at: now,
      review_reason: null,
      organization_id: null,
      organization_name_created: null,
      key_id: null,
      verify_token_hash: tokenHash(token),
      verify_expires_at: now + this.settings.verificationTtlSeconds * 1000,
      claim_token_hash: null,
      claim_sealed_key: null,
      key_claimed: false,
    });
    this.#outbox.send(verificationMail(registration, `${from.origin}/register?verify_token=${token}`));
    return createdView(registration);
  }

  /** Verifies the email, screens the registration and sends it to review (`pending_approval`). */
  async verifyEmail(token: unknown) {
    // Loaded before the checks: from here on nothing awaits, so two verifications cannot both pass.
    await loadDisposableDomains();
    const registration = this.#byToken('verify', token);
    if (registration.status !== 'pending_email_verification') throw new RegistrationProblem(410, 'This link has already been used');
    const now = this.#clock.now();
    if (registration.verify_expires_at !== null && now >= registration.verify_expires_at) throw new RegistrationProblem(410, 'This link has expired');
    registration.status_history.push({ status: 'email_verified', at: now });
    registration.flags = screen(registration, this.#store, this.settings, now);
    registration.status_history.push({ status: 'pending_approval', at: now });
    registration.status = 'pending_approval';
    registration.updated_at = now;
    this.#store.save(registration);
    return statusView(registration);
  }

  /** The status of an email's latest registration; unknown and malformed emails get the same 404. */
  status(email: unknown) {
    const found = typeof email === 'string' && isEmailShaped(email.trim()) ? this.#store.latestByEmail(emailKey(email)) : undefined;
    if (!found) throw new RegistrationProblem(404, NOT_FOUND);
    return statusView(found);
  }

  /** The three limits for this IP and email, without counting anything. */
  rateLimitStatus(ipText: string | undefined, email: string | undefined) {
    if (email !== undefined && !isEmailShaped(email.trim())) throw fieldProblem('email', 'Must be an email address', 'Invalid request parameters');
    const now = this.#clock.now();
    const ip = normalIp(ipText);
    const domain = email === undefined ? undefined : emailDomain(email.trim());
    const whitelisted = this.#whitelisted(ip, domain);
    const decision = this.limiter.peek(ip, domain, whitelisted, now);
    const ban = this.limiter.ban(ip, now);
    return {
      allowed: decision.admitted,
      retry_after: decision.admitted ? null : Math.max(1, Math.ceil(decision.retryAfterMs / 1000)),
      banned: ban.banned,
      ban_expires_at: ban.expiresAt === undefined ? null : iso(ban.expiresAt),
      whitelisted,
      ip: windowView(this.limiter.ipWindow(ip, now)),
      domain: domain === undefined ? null : windowView(this.limiter.domainWindow(domain, now)),
      global: windowView(this.limiter.globalWindow(now)),
    };
  }

  /** The key of an approved registration, once: later claims get 410. */
  async claim(token: unknown): Promise<{ api_key: string; organization_id: string; key_info: ApiKeyInfo }> {
    const registration = this.#byToken('claim', token as string);
    const sealed = registration.claim_sealed_key;
    if (registration.key_claimed || sealed === null || registration.key_id === null || registration.organization_id === null) {
      throw new RegistrationProblem(410, 'This link has already been used');
    }
    // Marked claimed before the first await: a second claim racing this one sees it used.
    registration.key_claimed = true;
    registration.claim_sealed_key = null;
    registration.updated_at = this.#clock.now();
    this.#store.save(registration);
    const apiKey = await openWithToken(sealed, token as string);
    return { api_key: apiKey, organization_id: registration.organization_id, key_info: this.#engine.getKey(registration.key_id) };
  }

  list(query: { status?: RegistrationStatus; limit?: number; cursor?: string }) {
    const limit = query.limit ?? PAGE_DEFAULT;
    const beforeSeq = cursorSeq(query.cursor);
    const page = this.#store.list({ ...(query.status ? { status: query.status } : {}), ...(beforeSeq === undefined ? {} : { beforeSeq }), limit: limit + 1 });
    const items = page.slice(0, limit);
    return { items: items.map(detailView), next_cursor: page.length > limit ? String(items.at(-1)!.seq) : null };
  }

  get(id: string) {
    return detailView(this.#require(id));
  }

  /** Approves (key + organization + welcome mail) or rejects (mail) a registration awaiting review. */
  async review(id: string, decision: { action: 'approve' | 'reject'; reason?: string }, from: RequestOrigin) {
    const registration = this.#require(id);
    if (decision.action === 'reject' && decision.reason === undefined) throw fieldProblem('reason', 'Required to reject');
    if (registration.status !== 'pending_approval') {
      throw new RegistrationProblem(409, `Registration is not pending approval (status: ${registration.status})`);
    }
    const now = this.#clock.now();
    registration.review_reason = decision.reason ?? null;
    registration.updated_at = now;
    if (decision.action === 'reject') {
      this.#moveTo(registration, 'rejected', now);
      this.#outbox.send(rejectionMail(registration, decision.reason!));
      return detailView(registration);
    }
    // Approved before the first await, so a concurrent second approval gets 409.
    this.#moveTo(registration, 'approved', now);
    let created;
    try {
      const organizationId = randomUuid();
      created = await this.#engine.createKey(
        createKeyBody.parse({ name: `${registration.organization_name.slice(0, 87)} (production)`, service_id: 'prediction', environment: 'production' }),
        organizationId,
      );
      recordOrganization(this.#engine.store, { id: organizationId, name: registration.organization_name, registrationId: registration.id, now });
      registration.organization_id = organizationId;
      registration.organization_name_created = registration.organization_name;
    } catch (error) {
      registration.status = 'pending_approval';
      registration.status_history.pop();
      this.#store.save(registration);
      throw error;
    }
    const claimToken = newToken();
    registration.key_id = created.key_info.key_id;
    registration.claim_token_hash = tokenHash(claimToken);
    registration.claim_sealed_key = await sealWithToken(created.api_key, claimToken);
    this.#store.save(registration);
    this.#outbox.send(welcomeMail(registration, `${from.origin}/register?claim_token=${claimToken}`));
    return detailView(registration);
  }

  listWhitelist(query: { limit?: number; cursor?: string }) {
    const limit = query.limit ?? PAGE_DEFAULT;
    const afterSeq = cursorSeq(query.cursor);
    const page = this.#store.listWhitelist({ ...(afterSeq === undefined ? {} : { afterSeq }), limit: limit + 1 });
    const items = page.slice(0, limit);
    return { items: items.map(whitelistView), next_cursor: page.length > limit ? String(items.at(-1)!.seq) : null };
  }

  addWhitelist(input: { type: 'ip' | 'domain'; value: string; note?: string; enabled?: boolean }) {
    const value = input.type === 'ip' ? whitelistIp(input.value) : whitelistDomain(input.value);
    if (this.#store.findWhitelistByValue(input.type, value)) throw new RegistrationProblem(409, 'Whitelist entry already exists');
    const now = this.#clock.now();
    const entry = this.#store.insertWhitelist({ id: randomUuid(), type: input.type, value, note: input.note ?? null, enabled: input.enabled ?? true, created_at: now, updated_at: now });
    return whitelistView(entry);
  }

  updateWhitelist(id: string, change: { enabled: boolean }) {
    const entry = this.#requireEntry(id);
    entry.enabled = change.enabled;
    entry.updated_at = this.#clock.now();
    this.#store.saveWhitelist(entry);
    return whitelistView(entry);
  }

  deleteWhitelist(id: string) {
    if (!this.#store.deleteWhitelist(id.toLowerCase())) throw new RegistrationProblem(404, 'Whitelist entry not found');
    return { message: 'Whitelist entry deleted' };
  }

  ban(ipText: string) {
    const ip = banIp(ipText);
    const state = this.limiter.ban(ip, this.#clock.now());
    return { ip, banned: state.banned, expires_at: state.expiresAt === undefined ? null : iso(state.expiresAt), violations: state.violations };
  }

  liftBan(ipText: string) {
    const ip = banIp(ipText);
    if (!this.limiter.lift(ip, this.#clock.now())) throw new RegistrationProblem(404, 'No active ban for this IP');
    return { message: 'Ban lifted' };
  }

  /** Registrations by status, for the metrics. */
  countByStatus(): Record<RegistrationStatus, number> {
    return this.#store.countByStatus();
  }

  #byToken(kind: 'verify' | 'claim', token: unknown): StoredRegistration {
    if (typeof token !== 'string' || !isTokenShaped(token)) throw fieldProblem('token', 'Unknown or malformed token', 'Invalid token');
    const found = this.#store.findByToken(kind, tokenHash(token));
    if (!found) throw fieldProblem('token', 'Unknown or malformed token', 'Invalid token');
    return found;
  }

  #require(id: string): StoredRegistration {
    const found = this.#store.find(id.toLowerCase());
    if (!found) throw new RegistrationProblem(404, NOT_FOUND);
    return found;
  }

  #requireEntry(id: string): StoredWhitelistEntry {
    const found = this.#store.findWhitelist(id.toLowerCase());
    if (!found) throw new RegistrationProblem(404, 'Whitelist entry not found');
    return found;
  }

  #moveTo(registration: StoredRegistration, status: RegistrationStatus, now: number): void {
    registration.status = status;
    registration.status_history.push({ status, at: now });
    this.#store.save(registration);
  }

  #whitelisted(ip: string, domain: string | undefined): boolean {
    const enabled = (type: 'ip' | 'domain', value: string) => this.#store.findWhitelistByValue(type, value)?.enabled === true;
    return enabled('ip', ip) || (domain !== undefined && enabled('domain', domain));
  }
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function windowView(state: WindowState) {
  return { limit: state.limit, remaining: state.remaining, window_seconds: Math.round(state.windowMs / 1000), reset_at: state.resetAt === undefined ? null : iso(state.resetAt) };
}

/** The address limits are counted by: canonical form (IPv4-mapped IPv6 as IPv4); `unknown` when the runtime gives none. */
function normalIp(text: string | undefined): string {
  if (text === undefined) return UNKNOWN_IP;
  const parsed = parseIp(text);
  if (!parsed) return text;
  return parsed.kind() === 'ipv6' && (parsed as import('ipaddr.js').IPv6).isIPv4MappedAddress()
    ? (parsed as import('ipaddr.js').IPv6).toIPv4Address().toString()
    : parsed.toString();
}

function banIp(text: string): string {
  if (!parseIp(text)) throw fieldProblem('ip', 'Must be an IPv4 or IPv6 address', 'Invalid request parameters');
  return normalIp(text);
}

function whitelistIp(text: string): string {
  if (!parseIp(text.trim())) throw fieldProblem('value', 'Must be an IPv4 or IPv6 address for type ip');
  return normalIp(text.trim());
}

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

function whitelistDomain(text: string): string {
  const domain = text.trim().toLowerCase();
  if (!DOMAIN.test(domain)) throw fieldProblem('value', 'Must be an email domain such as acme.ai for type domain');
  return domain;
}

function cursorSeq(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const seq = Number(cursor);
  if (!/^\d{1,15}$/.test(cursor) || !Number.isSafeInteger(seq)) throw fieldProblem('cursor', 'Must be the next_cursor of a previous page', 'Invalid request parameters');
  return seq;
}
