import type { MiddlewareHandler } from 'hono';
import { DroppedConnectionError } from './dropped-connection';
import type { FailureQueue } from './failures';

/**
 * Where the test-control routes live; injected failures never apply to them.
 *
 * @example
 * await fetch(`${server.url}${TEST_CONTROL_PREFIX}/clock`, { headers: { Authorization: `Bearer ${adminToken}` } });
 */
export const TEST_CONTROL_PREFIX = '/__hokusai';

/**
 * Answers a request with the failure a `failNext` rule asks for, before any route sees it (as a
 * proxy in front of the real service would). Runs after CORS, so a browser can read the
 * injected status and `Retry-After`. A dropped connection is thrown for the runtime to act on.
 */
export function injectFailures(failures: FailureQueue): MiddlewareHandler {
  return async (c, next) => {
    const path = c.req.path;
    if (path !== TEST_CONTROL_PREFIX && !path.startsWith(`${TEST_CONTROL_PREFIX}/`)) {
      const failure = failures.take(c.req.method, path);
      if (failure?.drop) throw new DroppedConnectionError();
      if (failure) return failure.response;
    }
    await next();
  };
}
