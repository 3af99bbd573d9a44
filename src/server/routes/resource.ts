import type { Handler, MiddlewareHandler } from 'hono';
import { problem } from '../http/responses';
import type { ServerHono } from './deps';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * The paths registered with `resource`, per app, so a CORS preflight to a path that does not
 * exist can be answered 404 like any other request to it.
 */
const knownPaths = new WeakMap<ServerHono, RegExp[]>();

/** True when `path` matches a path registered on `app` with `resource`. */
export function isKnownPath(app: ServerHono, path: string): boolean {
  return (knownPaths.get(app) ?? []).some((pattern) => pattern.test(path));
}

/**
 * Registers the methods of one path and answers every other method with 405 JSON and an
 * `Allow` header. Register specific paths (e.g. `/keys/validate`) before parameterised ones
 * (`/keys/:key_id`) so the 405 of the specific path wins.
 */
export function resource(
  app: ServerHono,
  path: string,
  methods: Partial<Record<Method, [...MiddlewareHandler[], Handler]>>,
): void {
  const patterns = knownPaths.get(app) ?? [];
  patterns.push(new RegExp(`^${path.replace(/:[A-Za-z_]+/g, '[^/]+')}$`));
  knownPaths.set(app, patterns);
  const allowed: string[] = [];
  for (const [method, handlers] of Object.entries(methods) as [Method, [...MiddlewareHandler[], Handler]][]) {
    app.on(method, path, ...(handlers as [Handler]));
    allowed.push(method);
    if (method === 'GET') allowed.push('HEAD');
  }
  const allow = allowed.join(', ');
  app.all(path, (c) => problem(405, `Method ${c.req.method} not allowed; use ${allow}`, undefined, { Allow: allow }));
}
