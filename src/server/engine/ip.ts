import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;
/** A parsed allowlist entry: a network address and its prefix length. */
export type IpRange = [Address, number];

/**
 * Parses one address strictly: IPv4 only in dotted four-part decimal (no `0x10.1`, no `10.1`),
 * IPv6 in any standard form (including `::ffff:1.2.3.4`). Undefined when invalid.
 */
export function parseIp(text: string): Address | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (text.includes(':') && ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text);
  return undefined;
}

/** Parses an allowlist entry: an address (a range of one) or a CIDR range. */
export function parseAllowEntry(text: string): IpRange | undefined {
  const slash = text.lastIndexOf('/');
  if (slash === -1) {
    const address = parseIp(text);
    return address && [address, address.kind() === 'ipv4' ? 32 : 128];
  }
  const address = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!address || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  return prefix <= (address.kind() === 'ipv4' ? 32 : 128) ? [address, prefix] : undefined;
}

/**
 * True when `clientIp` falls in one of the allowlist entries. IPv4-mapped IPv6 client
 * addresses (`::ffff:1.2.3.4`, what a dual-stack socket reports) match IPv4 entries.
 */
export function ipAllowed(clientIp: string, allowList: readonly string[]): boolean {
  const parsed = parseIp(clientIp);
  if (!parsed) return false;
  const client = parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()
    ? (parsed as ipaddr.IPv6).toIPv4Address()
    : parsed;
  return allowList.some((entry) => {
    const range = parseAllowEntry(entry);
    return range !== undefined && inRange(client, range);
  });
}

function inRange(client: Address, [network, prefix]: IpRange): boolean {
  if (client.kind() === network.kind()) return client.match(network, prefix);
  // An IPv4 client against an IPv6 range (e.g. `::ffff:0:0/96`): compare in mapped form.
  if (client.kind() === 'ipv4') return (client as ipaddr.IPv4).toIPv4MappedAddress().match(network, prefix);
  return false;
}
