// Readable text for registration, its administration and the outbox.
import type {
  BanStatus,
  RegistrationClaimed,
  RegistrationCreated,
  RegistrationDetail,
  RegistrationRateLimitStatus,
  RegistrationRateLimitWindow,
  RegistrationStatusAnswer,
  WhitelistEntry,
} from '../platform/types';
import type { OutboxMail } from '../server/outbox';
import { formatFields, formatTable } from './table';

/** `register`: the new application and what to do next. @example io.stdout(formatSubmitted(await auth.registration.submit(application))); */
export function formatSubmitted(created: RegistrationCreated): string {
  return formatFields([
    ['ID', created.id],
    ['Status', created.status],
    ['Organization', created.organization_name],
    ['Contact', `${created.contact_name} <${created.contact_email}>`],
    ['Next step', created.next_step],
  ]);
}

/** `registration status` / `registration verify`. @example io.stdout(formatStatus(await auth.registration.status(email))); */
export function formatStatus(answer: RegistrationStatusAnswer): string {
  return formatFields([
    ['Email', answer.contact_email],
    ['Status', answer.status],
    ['Created', answer.created_at],
    ['Updated', answer.updated_at],
  ]);
}

/** `registration claim`: the full key once, then its details. @example io.stdout(formatClaimed(await auth.registration.claim(token))); */
export function formatClaimed(claimed: RegistrationClaimed): string {
  return formatFields([
    ['API key', claimed.api_key],
    ['Key ID', claimed.key_info.key_id],
    ['Environment', claimed.key_info.environment],
    ['Service', claimed.key_info.service_id],
    ['Organization', claimed.organization_id],
  ]);
}

/** `registration limits`. @example io.stdout(formatRateLimitStatus(await auth.registration.rateLimitStatus())); */
export function formatRateLimitStatus(status: RegistrationRateLimitStatus): string {
  const window = (w: RegistrationRateLimitWindow | null) =>
    w ? `${w.remaining} of ${w.limit} left per ${w.window_seconds} s${w.reset_at ? ` (next slot ${w.reset_at})` : ''}` : '- (give --email)';
  return formatFields([
    ['Allowed now', status.allowed ? 'yes' : `no, retry in ${status.retry_after ?? '?'} s`],
    ['Banned', status.banned ? `yes, until ${status.ban_expires_at ?? '?'}` : 'no'],
    ['Whitelisted', yesNo(status.whitelisted)],
    ['This IP', window(status.ip)],
    ['Email domain', window(status.domain)],
    ['Global', window(status.global)],
  ]);
}

/** One application as a reviewer sees it. @example io.stdout(formatRegistration(await auth.admin.registrations.get(id))); */
export function formatRegistration(registration: RegistrationDetail): string {
  return formatFields([
    ['ID', registration.id],
    ['Status', registration.status],
    ['Organization', registration.organization_name],
    ['Contact', `${registration.contact_name} <${registration.contact_email}>`],
    ['Website', registration.website_url ?? '-'],
    ['Use case', registration.use_case],
    ['Client IP', registration.client_ip ?? '-'],
    ['Flags', registration.flags.length ? registration.flags.map((flag) => `${flag.rule}: ${flag.message}`).join('; ') : 'none'],
    ['History', registration.status_history.map((entry) => `${entry.status} ${entry.at}`).join(', ')],
    ['Review reason', registration.review_reason ?? '-'],
    ['Organization ID', registration.organization_id ?? '-'],
    ['Key ID', registration.key_id ?? '-'],
    ['Key claimed', yesNo(registration.key_claimed)],
    ['Created', registration.created_at],
    ['Updated', registration.updated_at],
  ]);
}

/** `registrations list`: one row per application. @example io.stdout(formatRegistrationList(items)); */
export function formatRegistrationList(items: readonly RegistrationDetail[]): string {
  if (items.length === 0) return 'No registrations found.\n';
  const rows = items.map((r) => [r.id, r.status, r.contact_email, r.organization_name, r.flags.map((flag) => flag.rule).join(',') || '-', r.created_at]);
  const table = formatTable(['ID', 'STATUS', 'EMAIL', 'ORGANIZATION', 'FLAGS', 'CREATED'], rows);
  return `${table}${items.length} registration${items.length === 1 ? '' : 's'}\n`;
}

/** `whitelist list`. @example io.stdout(formatWhitelist(entries)); */
export function formatWhitelist(entries: readonly WhitelistEntry[]): string {
  if (entries.length === 0) return 'The whitelist is empty.\n';
  return formatTable(
    ['ID', 'TYPE', 'VALUE', 'ENABLED', 'NOTE'],
    entries.map((entry) => [entry.id, entry.type, entry.value, yesNo(entry.enabled), entry.note ?? '']),
  );
}

/** One whitelist entry. @example io.stdout(formatWhitelistEntry(entry)); */
export function formatWhitelistEntry(entry: WhitelistEntry): string {
  return formatFields([
    ['ID', entry.id],
    ['Type', entry.type],
    ['Value', entry.value],
    ['Enabled', yesNo(entry.enabled)],
    ['Note', entry.note ?? '-'],
  ]);
}

/** `bans get`. @example io.stdout(formatBan(await auth.admin.bans.get(ip))); */
export function formatBan(ban: BanStatus): string {
  return formatFields([
    ['IP', ban.ip],
    ['Banned', ban.banned ? `yes, until ${ban.expires_at ?? '?'}` : 'no'],
    ['Violations', String(ban.violations)],
  ]);
}

/** `outbox`: each mail with its links, oldest first. @example io.stdout(formatOutbox(mails)); */
export function formatOutbox(mails: readonly OutboxMail[]): string {
  if (mails.length === 0) return 'The outbox is empty.\n';
  return mails
    .map((mail) =>
      formatFields([
        ['Date', mail.created_at],
        ['To', mail.to],
        ['Subject', mail.subject],
        ...mail.links.map((link): [string, string] => ['Link', link]),
      ]),
    )
    .join('\n');
}

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}
