// Node only: DNS-rebinding protection for a server bound to loopback, as dev servers do. A web
// page on evil.example can point its own name at 127.0.0.1 and then call this server as
// "same origin"; its requests still say `Host: evil.example`, so they are refused with 421.
import type { RequestListener, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { problem } from './http/responses';
import { addNoStore } from './middleware/no-store';
import { resolveRequestId } from './middleware/request-id';
import { addSecurityHeaders } from './middleware/security-headers';

/**
 * True for an address or name that only reaches this machine: `localhost`, `*.localhost`,
 * 127.0.0.0/8 and ::1.
 *
 * @example
 * isLoopbackName('127.0.0.1'); // true
 * isLoopbackName('0.0.0.0'); // false
 */
export function isLoopbackName(name: string): boolean {
  const host = name.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(host);
  return false;
}

/** The host name of a `Host` header, without its port. */
function hostOf(header: string): string {
  if (header.startsWith('[')) return header.slice(0, header.indexOf(']') + 1);
  const colon = header.lastIndexOf(':');
  return colon === -1 ? header : header.slice(0, colon);
}

/**
 * `listener`, except that on a loopback bind a request whose `Host` names anything but a
 * loopback name or address gets 421. Any other bind is served as it is (the operator chose to
 * expose the server). A request without `Host` (HTTP/1.0) is served.
 *
 * @example
 * createServer(withHostCheck('127.0.0.1', listener));
 */
export function withHostCheck(bindHost: string, listener: RequestListener): RequestListener {
  if (!isLoopbackName(bindHost)) return listener;
  // Clients send the same Host on every request: the last verdict is remembered.
  let lastHost: string | undefined;
  let lastAllowed = false;
  return (req, res) => {
    const host = req.headers.host;
    if (host === undefined) return listener(req, res);
    if (host !== lastHost) {
      lastAllowed = isLoopbackName(hostOf(host));
      lastHost = host;
    }
    if (lastAllowed) return listener(req, res);
    misdirected(res, req.headers['x-request-id']);
  };
}

function misdirected(res: ServerResponse, requestId: string | string[] | undefined): void {
  const parts = problem(421, 'Misdirected request: this server answers only to localhost names and loopback addresses');
  addSecurityHeaders(parts.headers);
  addNoStore(parts.headers);
  parts.headers['x-request-id'] = resolveRequestId(typeof requestId === 'string' ? requestId : null);
  parts.headers['content-length'] = String(Buffer.byteLength(parts.body));
  res.writeHead(parts.status, parts.headers);
  res.end(parts.body);
}
