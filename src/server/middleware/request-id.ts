import { randomUuid } from '../engine/uuid';

// Printable ASCII without spaces, bounded: anything else could smuggle text into logs or headers.
const ACCEPTABLE_REQUEST_ID = /^[\x21-\x7e]{1,200}$/;

/** The caller's `X-Request-ID` when it is a sane token, else a new UUID. */
export function resolveRequestId(incoming: string | null): string {
  return incoming !== null && ACCEPTABLE_REQUEST_ID.test(incoming) ? incoming : randomUuid();
}
