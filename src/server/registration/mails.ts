import type { OutgoingMail } from '../outbox/outbox';
import type { StoredRegistration } from '../store/registration-types';

// Plain-text mails. Every value from the applicant or the reviewer is quoted on a line of its
// own after a label and stripped of line breaks, so it cannot pose as a link or a header line.
const oneLine = (text: string) => text.replace(/[\r\n\u2028\u2029]+/g, ' ').slice(0, 1000);

/**
 * The verification mail: the link opens the registration page, which confirms the email with
 * one click (a GET alone changes nothing, so a mail scanner that opens links cannot verify).
 *
 * @example
 * verificationMail(registration, 'http://127.0.0.1:8787/register?verify_token=…');
 */
export function verificationMail(registration: StoredRegistration, link: string): OutgoingMail {
  return {
    to: registration.contact_email,
    subject: 'Verify your email for Hokusai',
    text: [
      `Hello ${oneLine(registration.contact_name)},`,
      '',
      `Thank you for registering "${oneLine(registration.organization_name)}" with Hokusai.`,
      'Confirm your email address to send your application for review:',
      '',
      link,
      '',
      'The link works once, for 24 hours. If you did not register, ignore this mail.',
    ].join('\n'),
    links: [link],
  };
}

/** The welcome mail of an approved registration, with its single-use claim link. */
export function welcomeMail(registration: StoredRegistration, link: string): OutgoingMail {
  return {
    to: registration.contact_email,
    subject: 'Welcome to Hokusai: your API key is ready',
    text: [
      `Hello ${oneLine(registration.contact_name)},`,
      '',
      `Your registration for "${oneLine(registration.organization_name)}" is approved.`,
      'A production API key and an organization have been created for you.',
      'Claim your API key here (the link works once; the key is shown only then):',
      '',
      link,
    ].join('\n'),
    links: [link],
  };
}

/** The rejection mail, with the reviewer's reason. */
export function rejectionMail(registration: StoredRegistration, reason: string): OutgoingMail {
  return {
    to: registration.contact_email,
    subject: 'Your Hokusai registration',
    text: [
      `Hello ${oneLine(registration.contact_name)},`,
      '',
      `Your registration for "${oneLine(registration.organization_name)}" was not approved.`,
      `Reason: ${oneLine(reason)}`,
      '',
      'You are welcome to apply again.',
    ].join('\n'),
    links: [],
  };
}
