// Node only: the request listener of the TCP server. Requests the app's fast transport takes
// (`app.fast`, the same route table and dispatcher as `app.fetch`) are answered straight from
// node:http's request and written in the same turn; everything else goes through
// @hono/node-server and `app.fetch`. `npm run bench:server` measures what this gains.
import type { IncomingHttpHeaders, IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { HokusaiAuthApp } from './app';
import type { ReplyParts } from './http/responses';
import type { FastTarget } from './transports/fast';

// Decodes like `Request.text()`: UTF-8, a leading byte-order mark dropped, bad bytes replaced.
const utf8 = new TextDecoder();

/**
 * `general` (the @hono/node-server listener of `app.fetch`), with the requests `app.fast` takes
 * answered directly: a route of the table, a plain URL, a body of known length within the
 * limit, and nothing that only `fetch` can honour (see `FastTransport`).
 *
 * @example
 * createServer(withFastTransport(app, getRequestListener(app.fetch)));
 */
export function withFastTransport(app: HokusaiAuthApp, general: RequestListener): RequestListener {
  const fast = app.fast;
  return (req, res) => {
    const target = hasPlainBody(req.headers, fast.maxBodyBytes) ? fast.route(req.method ?? '', req.url ?? '') : undefined;
    if (!target) return general(req, res);
    answerDirectly(app, target, req, res);
  };
}

/** A body of known length within the limit (chunked bodies and bodies over it take the general path, e.g. for its 413). */
function hasPlainBody(headers: IncomingHttpHeaders, maxBytes: number): boolean {
  if (headers['transfer-encoding'] !== undefined) return false;
  const length = headers['content-length'];
  // node:http has already refused a malformed Content-Length.
  return length === undefined || Number(length) <= maxBytes;
}

function answerDirectly(app: HokusaiAuthApp, target: FastTarget, req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const reply = app.fast.answer(target, {
      header: headerLookup(req.rawHeaders),
      connectionIp: req.socket.remoteAddress ?? null,
      bodyText: chunks.length === 0 ? '' : utf8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)),
    });
    if (reply instanceof Promise) {
      reply.then(
        (parts) => write(res, parts),
        () => res.destroy(),
      );
    } else {
      write(res, reply);
    }
  });
}

/**
 * Reads a header by lower-case name from node:http's raw list, repeated ones joined with ", " as
 * `Headers.get` does (node's `req.headers` keeps only the first `Authorization`, and building it
 * costs a pass over every header). A route reads only a few headers: each lookup is one pass
 * that compares lengths before case.
 */
function headerLookup(raw: string[]): (name: string) => string | undefined {
  return (name) => {
    let value: string | undefined;
    for (let i = 0; i < raw.length; i += 2) {
      const candidate = raw[i]!;
      if (candidate.length !== name.length || candidate.toLowerCase() !== name) continue;
      value = value === undefined ? raw[i + 1]! : `${value}, ${raw[i + 1]!}`;
    }
    return value;
  };
}

/**
 * Head and body leave as one chunk in one socket write. `res.end(body)` corks the socket, writes
 * head and body, then an empty chunk, and the uncork hands both to `writev` (a profile under
 * load showed it); `write` joins head and body into one string, the uncork right after sends it
 * alone, and `end` then has nothing left to write.
 */
function write(res: ServerResponse, parts: ReplyParts): void {
  parts.headers['content-length'] = String(Buffer.byteLength(parts.body));
  res.writeHead(parts.status, parts.headers);
  res.write(parts.body);
  res.socket?.uncork();
  res.end();
}
