import { toIsoSeconds } from '../engine/time';
import type { StoredRegistration, StoredWhitelistEntry } from '../store/registration-types';

/** The answer to a submission (`RegistrationCreated`). */
export function createdView(r: StoredRegistration) {
  return {
    id: r.id,
    organization_name: r.organization_name,
    contact_email: r.contact_email,
    contact_name: r.contact_name,
    status: r.status,
    created_at: toIsoSeconds(r.created_at),
    next_step: `Check ${r.contact_email} for a verification link.`,
  };
}

/** The public status of a registration (`RegistrationStatusResponse`): nothing but where it stands. */
export function statusView(r: StoredRegistration) {
  return { contact_email: r.contact_email, status: r.status, created_at: toIsoSeconds(r.created_at), updated_at: toIsoSeconds(r.updated_at) };
}

/** A registration as its reviewer sees it (`RegistrationDetail`): never a token or the key. */
export function detailView(r: StoredRegistration) {
  return {
    id: r.id,
    organization_name: r.organization_name,
    contact_email: r.contact_email,
    contact_name: r.contact_name,
    website_url: r.website_url,
    use_case: r.use_case,
    status: r.status,
    flags: r.flags.map((flag) => ({ ...flag })),
    status_history: r.status_history.map((entry) => ({ status: entry.status, at: toIsoSeconds(entry.at) })),
    client_ip: r.client_ip,
    created_at: toIsoSeconds(r.created_at),
    updated_at: toIsoSeconds(r.updated_at),
    review_reason: r.review_reason,
    organization_id: r.organization_id,
    organization_name_created: r.organization_name_created,
    key_id: r.key_id,
    key_claimed: r.key_claimed,
  };
}

/** A whitelist entry (`RegistrationWhitelistEntry`). */
export function whitelistView(e: StoredWhitelistEntry) {
  return { id: e.id, type: e.type, value: e.value, note: e.note, enabled: e.enabled, created_at: toIsoSeconds(e.created_at), updated_at: toIsoSeconds(e.updated_at) };
}

/** A registration's answer types, for the routes and the page. */
export type RegistrationCreatedView = ReturnType<typeof createdView>;
export type RegistrationStatusView = ReturnType<typeof statusView>;
export type RegistrationDetailView = ReturnType<typeof detailView>;
export type WhitelistEntryView = ReturnType<typeof whitelistView>;
