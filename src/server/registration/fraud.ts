import type { FraudFlag, RegistrationStore, StoredRegistration } from '../store/registration-types';
import type { RegistrationSettings } from './settings';

const DAY_MS = 24 * 3600 * 1000;

// Loaded on first screening (a dynamic import): the list is a few thousand domains, and its
// package is CommonJS, which a browser running the stub (msw) never has to load.
let disposable: Set<string> | undefined;

/**
 * Loads the disposable-domain list once; call before `screen`.
 *
 * @example
 * await loadDisposableDomains();
 */
export async function loadDisposableDomains(): Promise<void> {
  if (disposable) return;
  const list = await import('disposable-email-domains-js');
  disposable = (list.disposableEmailBlocklistSet ?? (list as unknown as { default: typeof list }).default.disposableEmailBlocklistSet)();
}

/**
 * True when `domain` (or a parent of it) is on the maintained list of disposable email
 * providers (`disposable-email-domains-js`).
 *
 * @example
 * await loadDisposableDomains();
 * isDisposableDomain('mailinator.com'); // true
 * isDisposableDomain('acme.ai'); // false
 */
export function isDisposableDomain(domain: string): boolean {
  if (!disposable) throw new Error('loadDisposableDomains() first');
  const labels = domain.toLowerCase().split('.');
  for (let i = 0; i < labels.length - 1; i += 1) if (disposable.has(labels.slice(i).join('.'))) return true;
  return false;
}

// Names people type when they are not registering anything real, or that abuse tends to use.
const SUSPICIOUS_NAME = [
  /^(test|testing|asdf|qwerty|abc|aaa+|xxx+|none|null|undefined|n\/?a|foo|bar|demo|fake|spam)\b/i,
  /\b(free money|giveaway|airdrop|casino|viagra|crypto ?pump|get rich|hack(?:ing)? ?tools?)\b/i,
  /https?:\/\/|www\./i,
  /<[a-z!/]/i,
  /^[^\p{L}]*$/u,
  /(.)\1{4,}/,
];

/**
 * True when an organization name matches a known pattern of junk or abuse.
 *
 * @example
 * isSuspiciousName('Acme AI Labs'); // false
 * isSuspiciousName('FREE MONEY giveaway'); // true
 */
export function isSuspiciousName(name: string): boolean {
  return SUSPICIOUS_NAME.some((pattern) => pattern.test(name.trim()));
}

/**
 * True when the local part of an email looks machine-made: a long run of digits, a long
 * string without vowels, or a long mix of letters and digits with no separator.
 *
 * @example
 * looksGenerated('jane.smith@acme.ai'); // false
 * looksGenerated('xk7qz9vbw2mt4p@acme.ai'); // true
 */
export function looksGenerated(email: string): boolean {
  const local = email.slice(0, email.lastIndexOf('@')).toLowerCase().replace(/\+.*$/, '');
  if (/\d{5,}/.test(local)) return true;
  if (/[bcdfghjklmnpqrstvwxz]{6,}/.test(local)) return true;
  const digits = (local.match(/\d/g) ?? []).length;
  return local.length >= 12 && !/[._-]/.test(local) && digits >= 3;
}

/**
 * The fraud screening run after the email is verified. It only flags: a flagged registration
 * goes to admin review like any other, with its flags shown.
 *
 * @example
 * const flags = screen(registration, store.registrations, settings, clock.now());
 */
export function screen(registration: StoredRegistration, store: RegistrationStore, settings: RegistrationSettings, now: number): FraudFlag[] {
  const flags: FraudFlag[] = [];
  if (isDisposableDomain(registration.email_domain)) {
    flags.push({ rule: 'disposable_email', message: `Disposable email domain: ${registration.email_domain}` });
  }
  if (registration.client_ip !== null) {
    const fromIp = store.countSince({ client_ip: registration.client_ip }, now - DAY_MS);
    if (fromIp > settings.ipVelocityPerDay) {
      flags.push({ rule: 'ip_velocity', message: `${fromIp} registrations from ${registration.client_ip} in the last 24 hours` });
    }
  }
  const fromDomain = store.countSince({ email_domain: registration.email_domain }, now - DAY_MS);
  if (fromDomain > settings.domainVelocityPerDay) {
    flags.push({ rule: 'domain_velocity', message: `${fromDomain} registrations from ${registration.email_domain} in the last 24 hours` });
  }
  if (isSuspiciousName(registration.organization_name)) {
    flags.push({ rule: 'suspicious_name', message: 'The organization name matches a known pattern of abuse or placeholder text' });
  }
  if (looksGenerated(registration.contact_email)) {
    flags.push({ rule: 'generated_email', message: 'The email address looks auto-generated' });
  }
  return flags;
}
