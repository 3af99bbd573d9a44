import { ConfigurationError } from '../errors/configuration-error';

/** A path id (or key) must be a non-empty string; anything else is a caller bug, reported before sending. */
export function requireId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !value.trim()) throw new ConfigurationError(`${field} must be a non-empty string`);
  return value;
}
