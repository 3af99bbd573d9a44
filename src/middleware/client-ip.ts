import { ipAllowed } from '../server/engine/ip';
import type { GuardRequest } from './types';

/**
 * Which proxies in front of the service are trusted to report the client's address in
 * `X-Forwarded-For`: `false` (default: the connection's address is the client), `true` (loopback
 * and private networks), or a list of addresses and CIDR ranges.
 *
 * @example
 * const trustProxy: TrustProxy = ['10.0.0.0/8', '127.0.0.1'];
 */
export type TrustProxy = boolean | readonly string[];

/** Loopback, private, unique-local and link-local networks: where a service's own proxies live. */
const PRIVATE_NETWORKS = ['127.0.0.0/8', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16', '::1/128', 'fc00::/7', 'fe80::/10'];

/**
 * The client IP to hand to validation. Without `trustProxy`, the connection's address. With it,
 * `X-Forwarded-For` is read right to left from the connection's address, skipping trusted
 * proxies: the first untrusted hop is the client (a client cannot forge the hops its trusted
 * proxies append).
 *
 * @example
 * clientIpOf({ headers: { 'x-forwarded-for': '203.0.113.7, 10.0.0.2' }, remoteAddress: '10.0.0.1' }, true); // '203.0.113.7'
 */
export function clientIpOf(request: GuardRequest, trustProxy: TrustProxy = false): string | undefined {
  const remote = request.remoteAddress ?? undefined;
  if (trustProxy === false || remote === undefined) return remote;
  const trusted = trustProxy === true ? PRIVATE_NETWORKS : trustProxy;
  const hops = [...forwardedFor(request.headers), remote];
  let index = hops.length - 1;
  while (index > 0 && ipAllowed(hops[index]!, trusted)) index--;
  return hops[index];
}

function forwardedFor(headers: GuardRequest['headers']): string[] {
  const raw = typeof (headers as Headers).get === 'function' ? (headers as Headers).get('x-forwarded-for') : (headers as Record<string, unknown>)['x-forwarded-for'];
  const value = Array.isArray(raw) ? raw.join(',') : typeof raw === 'string' ? raw : '';
  return value
    .split(',')
    .map((hop) => hop.trim())
    .filter((hop) => hop !== '');
}
