import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { Engine } from '../engine';

/** What the route modules share, built once by `createApp`. */
export interface RouteDeps {
  engine: Engine;
  /** Requires the admin token. */
  admin: MiddlewareHandler;
  /** Idempotency-Key replay for create, rotate and usage record. */
  idempotent: MiddlewareHandler;
  /** The address the request came from, if the runtime tells. */
  clientIp(c: Context): string | undefined;
  version: string;
}

/** The Hono app type used by every route module. `Bindings` vary by runtime (node, msw, tests). */
export type ServerHono = Hono<{ Bindings: Record<string, unknown> | undefined }>;
