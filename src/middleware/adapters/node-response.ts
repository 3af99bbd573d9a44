// What the Node-based adapters (node:http, Express/Connect) share: writing a refusal and
// recording usage once the response is sent.
import type { ServerResponse } from 'node:http';
import type { KeyGuard } from '../guard';
import type { GuardRejection, HokusaiKey } from '../types';
import { reportedUsage } from '../usage-fields';

/** Writes a guard's refusal as JSON. */
export function sendRejection(res: ServerResponse, { status, headers, body }: GuardRejection): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/**
 * Records the request's usage when its response has been sent (no-op without the `usage`
 * option). `request` is the object the handler passes to `reportUsage`.
 */
export function recordOnFinish(guard: KeyGuard, key: HokusaiKey, request: object, url: string | undefined, res: ServerResponse, started: number): void {
  if (!guard.recordsUsage) return;
  res.once('finish', () =>
    guard.recordUsage(key, {
      endpoint: pathOf(url),
      status_code: res.statusCode,
      response_time_ms: Math.round(performance.now() - started),
      ...reportedUsage(request),
    }),
  );
}

/** The path of a request target, without the query string. */
export function pathOf(url: string | undefined): string {
  if (!url) return '/';
  const query = url.indexOf('?');
  return query === -1 ? url : query === 0 ? '/' : url.slice(0, query);
}
