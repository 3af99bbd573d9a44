import type { KeyGuard } from '../guard';
import type { GuardRejection, HokusaiKey } from '../types';
import { reportedUsage } from '../usage-fields';
import { pathOf } from './node-response';

/**
 * Options of `withKeyGuard`.
 *
 * @example
 * // Bun: the client address comes from the server object.
 * const options: FetchGuardOptions<[Bun.Server]> = { clientAddress: (request, server) => server.requestIP(request)?.address };
 */
export interface FetchGuardOptions<Rest extends unknown[]> {
  /** The connection's address, where the runtime gives one (a Fetch `Request` does not carry it). */
  clientAddress?: (request: Request, ...rest: Rest) => string | null | undefined;
}

/**
 * Wraps a Web fetch handler — Next.js route handlers, Bun/Deno `serve`, Workers-style
 * `fetch(request)` — so it runs only for requests with a valid key, which it gets as its second
 * argument. Other arguments (a route context, `env`) are passed on after it.
 *
 * @example
 * export const POST = withKeyGuard(guard, async (request, key) => Response.json({ key_id: key.key_id }));
 */
export function withKeyGuard<Rest extends unknown[]>(
  guard: KeyGuard,
  handler: (request: Request, key: HokusaiKey, ...rest: Rest) => Response | Promise<Response>,
  { clientAddress }: FetchGuardOptions<Rest> = {},
): (request: Request, ...rest: Rest) => Promise<Response> {
  return async (request, ...rest) => {
    const started = guard.recordsUsage ? performance.now() : 0;
    const path = pathOf(new URL(request.url).pathname);
    const outcome = await guard.checkNow({ headers: request.headers, remoteAddress: clientAddress?.(request, ...rest), path });
    if (!outcome.ok) return rejectionResponse(outcome);
    const response = await handler(request, outcome.key, ...rest);
    if (guard.recordsUsage) {
      guard.recordUsage(outcome.key, {
        endpoint: path,
        status_code: response.status,
        response_time_ms: Math.round(performance.now() - started),
        ...reportedUsage(request),
      });
    }
    return response;
  };
}

/**
 * A guard's refusal as a Fetch `Response`.
 *
 * @example
 * const outcome = await guard.check({ headers: request.headers });
 * if (!outcome.ok) return rejectionResponse(outcome);
 */
export function rejectionResponse({ status, headers, body }: GuardRejection): Response {
  return Response.json(body, { status, headers });
}
