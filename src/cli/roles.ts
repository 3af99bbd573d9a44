// The organization roles, as the command line accepts them.
import { UsageError } from './usage-error';

/** The roles, strongest first. @example ROLES.includes('admin'); // true */
export const ROLES = ['owner', 'admin', 'developer', 'viewer'] as const;

/**
 * `value` if it is a role, else a usage error that lists the roles.
 *
 * @example
 * roleArgument('developer', 'orgs invite'); // 'developer'
 */
export function roleArgument(value: string, command: string): (typeof ROLES)[number] {
  const role = ROLES.find((candidate) => candidate === value.trim().toLowerCase());
  if (!role) throw new UsageError(`The role must be one of ${ROLES.join(', ')} (got ${JSON.stringify(value)})`, command);
  return role;
}
