/**
 * What the registration service accepts as an email: one `@`, a local part without spaces or
 * angle brackets, a domain of dot-separated labels with a letter TLD. Deliberately plain: it
 * only decides "looks like an address", the mail link proves it.
 */
const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/**
 * True when `email` looks like an address.
 *
 * @example
 * isEmailShaped('dev@acme.ai'); // true
 * isEmailShaped('not an email'); // false
 */
export function isEmailShaped(email: string): boolean {
  return email.length <= 254 && EMAIL.test(email);
}

/**
 * The form emails are compared in: trimmed and lower-cased.
 *
 * @example
 * emailKey(' Dev@Acme.AI '); // 'dev@acme.ai'
 */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The domain of an email, lower-cased.
 *
 * @example
 * emailDomain('dev@Acme.ai'); // 'acme.ai'
 */
export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}
