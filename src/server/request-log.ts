// Node only: the request log of the command-line server, one line per answered request on
// stderr, as Prism and other dev servers print. Never a key or token: headers and bodies are
// not logged, query strings are cut, and a key pasted into a path is masked.
import type { RequestListener } from 'node:http';

/** `text` for people, `json` (one object per line) for machines. */
export type RequestLogFormat = 'text' | 'json';

/**
 * Options of `withRequestLog`.
 *
 * @example
 * const options: RequestLogOptions = { format: 'json', write: (line) => process.stderr.write(line) };
 */
export interface RequestLogOptions {
  format: RequestLogFormat;
  /** Receives each line, newline included. */
  write(line: string): void;
}

/** One logged request. */
export interface RequestLogEntry {
  time: string;
  method: string;
  /** The path, its query string replaced by `?[redacted]`. */
  path: string;
  /** 0 when the connection closed before an answer was sent. */
  status: number;
  ms: number;
  request_id: string | null;
}

const API_KEY = /hk_(live|test|dev)_[A-Za-z0-9]+/g;

/**
 * The path to log: no query string (it may carry anything), keys masked, unprintable
 * characters escaped so a request cannot forge log lines.
 *
 * @example
 * loggedPath('/api/v1/usage/aggregate?service_id=prediction'); // '/api/v1/usage/aggregate?[redacted]'
 */
export function loggedPath(url: string): string {
  const query = url.indexOf('?');
  const path = maskKeys(query === -1 ? url : url.slice(0, query));
  const printable = path.replace(/[^\x21-\x7e]/g, (c) => encodeURIComponent(c));
  return query === -1 ? printable : `${printable}?[redacted]`;
}

const maskKeys = (text: string) => text.replace(API_KEY, 'hk_$1_***');

/** The X-Request-ID among `writeHead`'s arguments: a header object, or a flat or paired header list. */
function requestIdIn(args: unknown[]): unknown {
  const headers = args.find((arg) => typeof arg === 'object' && arg !== null);
  if (Array.isArray(headers)) {
    const flat = headers.flat() as unknown[];
    for (let i = 0; i < flat.length; i += 2) if (String(flat[i]).toLowerCase() === 'x-request-id') return flat[i + 1];
    return undefined;
  }
  for (const [name, value] of Object.entries((headers ?? {}) as Record<string, unknown>)) if (name.toLowerCase() === 'x-request-id') return value;
  return undefined;
}

/**
 * One line for `entry`.
 *
 * @example
 * formatLogLine({ time: '2025-01-15T10:30:00.000Z', method: 'GET', path: '/health', status: 200, ms: 1.2, request_id: 'abc' }, 'text');
 * // '2025-01-15T10:30:00.000Z GET /health 200 1.2 ms abc\n'
 */
export function formatLogLine(entry: RequestLogEntry, format: RequestLogFormat): string {
  if (format === 'json') return `${JSON.stringify(entry)}\n`;
  return `${entry.time} ${entry.method} ${entry.path} ${entry.status || 'closed'} ${entry.ms} ms ${entry.request_id ?? '-'}\n`;
}

/**
 * `listener`, logging each request once it is answered (or its connection closes).
 *
 * @example
 * createServer(withRequestLog(listener, { format: 'text', write: (line) => process.stderr.write(line) }));
 */
export function withRequestLog(listener: RequestListener, options: RequestLogOptions): RequestListener {
  return (req, res) => {
    const started = performance.now();
    let logged = false;
    // Answers are written with writeHead(status, headers), which `getHeader` does not see: read it there.
    let requestId: unknown = undefined;
    const writeHead = res.writeHead;
    res.writeHead = function (this: typeof res, ...args: unknown[]) {
      requestId = requestIdIn(args);
      return (writeHead as (...a: unknown[]) => typeof res).apply(this, args);
    } as typeof res.writeHead;
    const log = () => {
      if (logged) return;
      logged = true;
      requestId ??= res.getHeader('x-request-id');
      options.write(
        formatLogLine(
          {
            time: new Date().toISOString(),
            method: req.method ?? '-',
            path: loggedPath(req.url ?? '/'),
            status: res.headersSent ? res.statusCode : 0,
            ms: Math.round((performance.now() - started) * 10) / 10,
            // The server makes the id itself when the caller's is not usable: log the one sent back.
            request_id: typeof requestId === 'string' ? maskKeys(requestId) : null,
          },
          options.format,
        ),
      );
    };
    res.once('finish', log);
    res.once('close', log);
    listener(req, res);
  };
}
