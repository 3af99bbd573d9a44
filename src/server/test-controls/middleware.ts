import { DroppedConnectionError } from './dropped-connection';
import type { ReplyParts } from '../http/responses';
import type { FailureQueue } from './failures';

/**
 * Where the test-control routes live; injected failures never apply to them.
 *
 * @example
 * await fetch(`${server.url}${TEST_CONTROL_PREFIX}/clock`, { headers: { Authorization: `Bearer ${adminToken}` } });
 */
export const TEST_CONTROL_PREFIX = '/__hokusai';

/**
 * The failure a `failNext` rule asks for on this request, if any, checked before any route
 * sees the request (as a proxy in front of the real service would). The app runs it after
 * CORS preflights, so a browser can read the injected status and `Retry-After`. Costs one
 * length check while no rule is pending. A dropped connection is thrown (`DroppedConnectionError`)
 * for the runtime to act on.
 *
 * @example
 * const failure = injectedFailure(failures, c.req.method, c.req.path);
 * if (failure) return failure;
 */
export function injectedFailure(failures: FailureQueue, method: string, path: string): ReplyParts | undefined {
  if (failures.size === 0) return undefined;
  if (path === TEST_CONTROL_PREFIX || path.startsWith(`${TEST_CONTROL_PREFIX}/`)) return undefined;
  const failure = failures.take(method, path);
  if (failure?.drop) throw new DroppedConnectionError();
  return failure?.reply;
}
