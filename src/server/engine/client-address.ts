/** Longest `client_ip` looked at; anything longer cannot be an address. */
const MAX_CLIENT_ADDRESS_LENGTH = 256;
const BRACKETED_V6 = /^\[([^\]]+)\](?::(\d{1,5}))?$/;
const V4_WITH_PORT = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/;

/**
 * The address part of a `client_ip` as services forward it: `203.0.113.7:51234` →
 * `203.0.113.7`, `[2001:db8::1]:443` → `2001:db8::1`; anything else is returned as it is
 * (trimmed) for the address parser to accept or refuse. Undefined for a non-string, an
 * over-long value or a port out of range.
 *
 * @example
 * clientAddress('[2001:db8::1]:443'); // '2001:db8::1'
 * clientAddress('testclient'); // 'testclient' (then fails the allowlist check)
 */
export function clientAddress(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_CLIENT_ADDRESS_LENGTH) return undefined;
  const text = value.trim();
  const withPort = BRACKETED_V6.exec(text) ?? V4_WITH_PORT.exec(text);
  if (!withPort) return text;
  return withPort[2] === undefined || Number(withPort[2]) <= 65_535 ? withPort[1] : undefined;
}
