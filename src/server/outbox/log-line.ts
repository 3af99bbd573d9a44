import type { RequestLogFormat } from '../request-log';
import type { OutboxMail } from './outbox';

/**
 * The request-log line announcing a mail: id, recipient and subject only. The text and links
 * stay out of logs (they carry single-use verification and claim tokens); read them from the
 * outbox. Control characters are escaped so a recipient cannot forge log lines.
 *
 * @example
 * formatMailLine(mail, 'text'); // '2025-01-15T10:30:00.000Z MAIL to=ada@example.com subject="Verify your email" id=…\n'
 */
export function formatMailLine(mail: OutboxMail, format: RequestLogFormat): string {
  if (format === 'json') return `${JSON.stringify({ time: mail.created_at, mail: { id: mail.id, to: mail.to, subject: mail.subject } })}\n`;
  return `${mail.created_at} MAIL to=${printable(mail.to)} subject=${JSON.stringify(mail.subject)} id=${mail.id}\n`;
}

const printable = (text: string) => text.replace(/[^\x21-\x7e]/g, (c) => encodeURIComponent(c));
