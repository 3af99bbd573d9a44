import type * as z from 'zod';
import { EngineError } from '../engine/errors';
import { RequestProblem } from '../http/errors';
import { issuesToFieldErrors } from './field-errors';
import type { FieldError } from './field-errors';
import type { RequestSchemas } from './schemas';

/**
 * One request as any transport hands it over: the Web fetch handler reads it from a `Request`,
 * the Node fast transport from node:http's request. Header names are looked up in lower case.
 *
 * @example
 * const incoming: IncomingRequest = { method: 'GET', path: '/health', params: {}, query: () => undefined, header: () => undefined, connectionIp: null };
 */
export interface IncomingRequest {
  method: string;
  path: string;
  /** Path parameters of the matched route (`key_id`). */
  params: Readonly<Record<string, string>>;
  /** The first value of a query parameter. */
  query(name: string): string | undefined;
  /** A request header (repeated ones joined with ", "). */
  header(lowerCaseName: string): string | undefined;
  /** The connection's address, if the runtime tells. */
  connectionIp: string | null;
  /** `http://127.0.0.1:8787`: the origin the request was sent to, when the transport knows it (links in mails point here). */
  origin?: string;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * What a route gets once its request has passed the spec's schemas.
 *
 * @example
 * const input: ParsedRequest<typeof requestSchemas.getKey> = { path: { key_id: '…' }, query: undefined, headers: undefined, body: undefined };
 */
export interface ParsedRequest<R extends RequestSchemas> {
  path: Out<R['path']>;
  query: Out<R['query']>;
  headers: Out<R['headers']>;
  body: Out<R['body']>;
  /** The body as sent, for a route that reads it itself (`rawBody`); '' otherwise. */
  text: string;
}

/**
 * Parses `data` with `schema` (defaults applied) or throws `EngineError` of kind `invalid` (a
 * 400) naming every bad field, in the one vocabulary of `issuesToFieldErrors`. Used for every
 * input that crosses into the engine, over HTTP or in-process.
 *
 * @example
 * const body = parseInput(createKeyBody, { name: 'ci', service_id: 'prediction' });
 */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown, detail = 'Invalid request body', root = 'body'): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new EngineError('invalid', detail, issuesToFieldErrors(result.error.issues, data, root));
}

/**
 * Parses the path, query, headers and body of one request with its route's schemas; one 400
 * (`EngineError` of kind `invalid`) names every bad field of every part. The body is JSON text (an empty one is `{}` when the
 * route allows it, else a missing body).
 *
 * @example
 * const { path } = parseRequest(requestSchemas.getKey, incoming, '');
 */
export function parseRequest<R extends RequestSchemas>(schemas: R, incoming: IncomingRequest, bodyText: string): ParsedRequest<R> {
  const errors: FieldError[] = [];
  let bodyFailed = false;
  const part = (schema: z.ZodType | undefined, data: () => unknown, root: string, isBody = false): unknown => {
    if (!schema) return undefined;
    const value = data();
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    errors.push(...issuesToFieldErrors(result.error.issues, value, root));
    if (isBody) bodyFailed = true;
    return undefined;
  };
  const parsed = {
    path: part(schemas.path, () => incoming.params, 'path'),
    query: part(schemas.query, () => queryValues(schemas.query!, incoming), 'query'),
    headers: part(schemas.headers, () => headerValues(schemas.headers!, incoming), 'headers'),
    body: part(schemas.body, () => jsonBody(bodyText, schemas.bodyOptional === true), 'body', true),
    text: schemas.rawBody ? bodyText : '',
  };
  if (errors.length > 0) throw new EngineError('invalid', bodyFailed ? 'Invalid request body' : 'Invalid request parameters', errors);
  return parsed as ParsedRequest<R>;
}

/**
 * A request body as JSON: empty text is `{}` when optional, else `undefined` (the schema then
 * reports the missing body); malformed JSON is a 400 of its own.
 */
function jsonBody(text: string, optional: boolean): unknown {
  if (text.trim() === '') return optional ? {} : undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new RequestProblem(400, 'Malformed JSON body');
  }
}

/** The query parameters a schema names; `true`/`false` become booleans where the spec says boolean. */
function queryValues(schema: z.ZodType, incoming: IncomingRequest): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(shapeOf(schema))) {
    const text = incoming.query(name);
    if (text === undefined) continue;
    values[name] = baseType(field) === 'boolean' && (text === 'true' || text === 'false') ? text === 'true' : text;
  }
  return values;
}

/** The headers a schema names, looked up case-insensitively and keyed as the spec writes them. */
function headerValues(schema: z.ZodType, incoming: IncomingRequest): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of Object.keys(shapeOf(schema))) {
    const value = incoming.header(name.toLowerCase());
    if (value !== undefined) values[name] = value;
  }
  return values;
}

function shapeOf(schema: z.ZodType): Record<string, z.ZodType> {
  return (schema as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {};
}

/** The type under `optional`/`default`/`nullable` wrappers (`boolean`, `string`, …). */
function baseType(schema: z.ZodType): string {
  let def = (schema as unknown as { _zod: { def: { type: string; innerType?: z.ZodType } } })._zod.def;
  while (def.innerType) def = (def.innerType as unknown as { _zod: { def: typeof def } })._zod.def;
  return def.type;
}
