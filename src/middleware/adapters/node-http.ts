import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KeyGuard } from '../guard';
import type { HokusaiKey } from '../types';
import { pathOf, recordOnFinish, sendRejection } from './node-response';
import { remoteAddressOf } from './socket-address';

/**
 * A guard for plain `node:http` handlers: resolves to the validated key, or to `undefined` after
 * writing the 401/403/429/503 answer. Pass the parsed body if you read one, for its `api_key`.
 *
 * @example
 * import { createServer } from 'node:http';
 * const protect = nodeKeyGuard(guard);
 * createServer(async (req, res) => {
 *   const key = await protect(req, res);
 *   if (!key) return;
 *   res.end(JSON.stringify({ hello: key.user_id }));
 * }).listen(3000);
 */
export function nodeKeyGuard(guard: KeyGuard): (req: IncomingMessage, res: ServerResponse, body?: unknown) => Promise<HokusaiKey | undefined> {
  return async (req, res, body) => {
    const started = guard.recordsUsage ? performance.now() : 0;
    const outcome = await guard.checkNow({ headers: req.headers, body, remoteAddress: remoteAddressOf(req.socket), path: pathOf(req.url) });
    if (!outcome.ok) {
      sendRejection(res, outcome);
      return undefined;
    }
    recordOnFinish(guard, outcome.key, req, req.url, res, started);
    return outcome.key;
  };
}
