// The route shape of the route table (method, path, access, request schemas, answer) for the
// wallet sign-in, token and organization routes, registered on the Hono app by
// `registerPlatformRoutes`.
import type { Context } from 'hono';
import type * as z from 'zod';
import type { Engine } from '../engine';
import { readBodyText } from '../http/body';
import { RequestProblem } from '../http/errors';
import { issuesToFieldErrors } from '../http/zod-issues';
import type { RouteDeps, ServerHono } from './deps';
import { resource } from './resource';

/** One request as a route reads it; header names in lower case. */
export interface IncomingRequest {
  method: string;
  path: string;
  params: Readonly<Record<string, string>>;
  query(name: string): string | undefined;
  header(lowerCaseName: string): string | undefined;
  connectionIp: string | null;
}

/** The schemas of the parts of a request a route reads. */
export interface RequestSchemas {
  path?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** A request once it passed its route's schemas. */
export interface ParsedRequest<R extends RequestSchemas> {
  path: Out<R['path']>;
  query: Out<R['query']>;
  body: Out<R['body']>;
}

/** What a route's answer may use besides its parsed input. */
export interface RouteContext {
  engine: Engine;
  version: string;
  request: IncomingRequest;
}

/**
 * One route: method, Hono-style path, and its answer from the parsed request.
 *
 * @example
 * route({ method: 'POST', path: '/auth/siwe/challenge', access: 'public', request: { body }, answer: ({ body }) => json(body) });
 */
export interface Route<R extends RequestSchemas = RequestSchemas> {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  access: 'public';
  request: R;
  answer(input: ParsedRequest<R>, context: RouteContext): Response | Promise<Response>;
}

/**
 * Declares a route with its input typed from its schemas.
 *
 * @example
 * route({ method: 'GET', path: '/api/v1/organizations', access: 'public', request: {}, answer: () => json([]) });
 */
export function route<R extends RequestSchemas>(definition: Route<R>): Route {
  return definition as unknown as Route;
}

/**
 * Registers routes on the app, path by path in order (each path answers 405 for other methods).
 *
 * @example
 * registerPlatformRoutes(hono, deps, organizationRoutes);
 */
export function registerPlatformRoutes(app: ServerHono, deps: RouteDeps, routes: readonly Route[]): void {
  const byPath = new Map<string, Route[]>();
  for (const one of routes) byPath.set(one.path, [...(byPath.get(one.path) ?? []), one]);
  for (const [path, samePath] of byPath) {
    resource(app, path, Object.fromEntries(samePath.map((one) => [one.method, [(c: Context) => answer(one, c, deps)]])));
  }
}

async function answer(one: Route, c: Context, deps: RouteDeps): Promise<Response> {
  const request: IncomingRequest = {
    method: c.req.method,
    path: c.req.path,
    params: c.req.param() as Record<string, string>,
    query: (name) => c.req.query(name),
    // In-process requests carry no Host header: the URL's host stands in.
    header: (name) => c.req.header(name) ?? (name === 'host' ? new URL(c.req.url).host : undefined),
    connectionIp: deps.clientIp(c) ?? null,
  };
  const errors: ReturnType<typeof issuesToFieldErrors> = [];
  let bodyFailed = false;
  const part = (schema: z.ZodType | undefined, value: unknown, isBody = false): unknown => {
    if (!schema) return undefined;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    errors.push(...issuesToFieldErrors(result.error.issues, value));
    bodyFailed ||= isBody;
    return undefined;
  };
  const input = {
    path: part(one.request.path, request.params),
    query: part(one.request.query, c.req.query()),
    body: one.request.body ? part(one.request.body, jsonBody(await readBodyText(c)), true) : undefined,
  };
  if (errors.length > 0) throw new RequestProblem(400, bodyFailed ? 'Invalid request body' : 'Invalid request parameters', errors);
  return one.answer(input as ParsedRequest<RequestSchemas>, { engine: deps.engine, version: deps.version, request });
}

function jsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new RequestProblem(400, 'Malformed JSON body');
  }
}
