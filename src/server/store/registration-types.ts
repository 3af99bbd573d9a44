/**
 * Registrations and the registration whitelist as stored. Both stores keep a registration as
 * one document plus the few columns it is looked up by; times are epoch milliseconds; tokens
 * only as SHA-256 hashes, the key to claim only sealed under its claim token.
 */

/** Where a registration stands (see the spec's `RegistrationStatus`). */
export type RegistrationStatus = 'pending_email_verification' | 'email_verified' | 'pending_approval' | 'approved' | 'rejected';

/** Every status, in lifecycle order. */
export const REGISTRATION_STATUSES: readonly RegistrationStatus[] = [
  'pending_email_verification',
  'email_verified',
  'pending_approval',
  'approved',
  'rejected',
];

/** The fraud-screening rules that can flag a registration. */
export type FraudRule = 'disposable_email' | 'ip_velocity' | 'domain_velocity' | 'suspicious_name' | 'generated_email';

/**
 * One fraud-screening finding.
 *
 * @example
 * const flag: FraudFlag = { rule: 'disposable_email', message: 'Disposable email domain: mailinator.com' };
 */
export interface FraudFlag {
  rule: FraudRule;
  message: string;
}

/**
 * One registration as stored. `seq` orders registrations by submission.
 *
 * @example
 * const latest: StoredRegistration | undefined = store.registrations.latestByEmail('dev@acme.ai');
 */
export interface StoredRegistration {
  seq: number;
  id: string;
  organization_name: string;
  contact_email: string;
  /** The email lower-cased: what lookups by email compare. */
  email_key: string;
  email_domain: string;
  contact_name: string;
  website_url: string | null;
  use_case: string;
  status: RegistrationStatus;
  flags: FraudFlag[];
  status_history: { status: RegistrationStatus; at: number }[];
  client_ip: string | null;
  created_at: number;
  updated_at: number;
  review_reason: string | null;
  organization_id: string | null;
  organization_name_created: string | null;
  key_id: string | null;
  verify_token_hash: string | null;
  verify_expires_at: number | null;
  claim_token_hash: string | null;
  /** The full key, AES-GCM sealed under the claim token (base64url iv + ciphertext); null once claimed. */
  claim_sealed_key: string | null;
  key_claimed: boolean;
}

/** A registration about to be inserted: the store assigns `seq`. */
export type NewStoredRegistration = Omit<StoredRegistration, 'seq'>;

/** A whitelist entry: an IP or an email domain that registration limits do not apply to. */
export interface StoredWhitelistEntry {
  seq: number;
  id: string;
  type: 'ip' | 'domain';
  value: string;
  note: string | null;
  enabled: boolean;
  created_at: number;
  updated_at: number;
}

/** A whitelist entry about to be inserted: the store assigns `seq`. */
export type NewStoredWhitelistEntry = Omit<StoredWhitelistEntry, 'seq'>;

/**
 * What the registration service needs from a store, reached as `store.registrations`.
 * Synchronous like the rest of the store, so a check-then-insert cannot interleave.
 *
 * @example
 * store.registrations.list({ status: 'pending_approval', limit: 20 });
 */
export interface RegistrationStore {
  insert(registration: NewStoredRegistration): StoredRegistration;
  /** Replaces the stored document of `registration.id`. */
  save(registration: StoredRegistration): void;
  find(id: string): StoredRegistration | undefined;
  /** The newest registration of a (lower-cased) email. */
  latestByEmail(emailKey: string): StoredRegistration | undefined;
  findByToken(kind: 'verify' | 'claim', tokenHash: string): StoredRegistration | undefined;
  /** Newest first; `beforeSeq` continues a page. */
  list(filter: { status?: RegistrationStatus; beforeSeq?: number; limit: number }): StoredRegistration[];
  /** Registrations created at or after `since` from this IP, or with this email domain. */
  countSince(by: { client_ip: string } | { email_domain: string }, since: number): number;
  countByStatus(): Record<RegistrationStatus, number>;
  insertWhitelist(entry: NewStoredWhitelistEntry): StoredWhitelistEntry;
  saveWhitelist(entry: StoredWhitelistEntry): void;
  findWhitelist(id: string): StoredWhitelistEntry | undefined;
  findWhitelistByValue(type: 'ip' | 'domain', value: string): StoredWhitelistEntry | undefined;
  deleteWhitelist(id: string): boolean;
  /** Oldest first; `afterSeq` continues a page. */
  listWhitelist(filter: { afterSeq?: number; limit: number }): StoredWhitelistEntry[];
  /** Removes every registration and whitelist entry. */
  clear(): void;
}

/** Zero for every status. */
export function emptyStatusCounts(): Record<RegistrationStatus, number> {
  return { pending_email_verification: 0, email_verified: 0, pending_approval: 0, approved: 0, rejected: 0 };
}
