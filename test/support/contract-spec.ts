/**
 * Reading the OpenAPI document for contract checks: loading the YAML, following `$ref`s of
 * non-schema objects (responses, headers) and finding the operation a request path belongs to.
 * Schema `$ref`s are left to Ajv, which resolves them against the whole document.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The parts of an OpenAPI 3.1 document the contract checks read. */
export type OpenApiDocument = {
  openapi: string;
  servers?: Array<{ url: string }>;
  paths?: Record<string, Record<string, unknown> | undefined>;
  components?: Record<string, Record<string, unknown> | undefined>;
  [key: string]: unknown;
};

/** A response object after `$ref` resolution. */
export type OpenApiResponse = {
  description?: string;
  headers?: Record<string, unknown>;
  content?: Record<string, { schema?: unknown } | undefined>;
};

/** A header object after `$ref` resolution. */
export type OpenApiHeader = { required?: boolean; schema?: unknown };

/** Where an operation sits in the document, with the JSON pointer to it (for Ajv refs). */
export type OperationMatch = {
  /** The templated path as written in the spec, e.g. `/api/v1/keys/{key_id}`. */
  specPath: string;
  /** Lower-case HTTP method. */
  method: string;
  /** JSON pointer (unencoded segments) to the operation object. */
  pointer: string[];
  operation: { responses?: Record<string, unknown> };
};

/** What `findOperation` found for a request: an operation, a path without that method, or nothing. */
export type OperationLookup =
  | { kind: 'operation'; match: OperationMatch }
  | { kind: 'method-not-documented'; specPaths: string[] }
  | { kind: 'path-not-documented' };

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** Absolute path of the project's spec, whatever the working directory. */
export const SPEC_FILE = fileURLToPath(new URL('../../spec/hokusai-auth.openapi.yaml', import.meta.url));

/**
 * Reads and parses an OpenAPI document (YAML or JSON).
 *
 * @example
 * const spec = loadSpec(); // spec/hokusai-auth.openapi.yaml
 * spec.openapi; // '3.1.0'
 */
export function loadSpec(file: string = SPEC_FILE): OpenApiDocument {
  const doc = parse(readFileSync(file, 'utf8')) as OpenApiDocument;
  if (!doc || typeof doc !== 'object' || typeof doc.openapi !== 'string') {
    throw new Error(`${file} is not an OpenAPI document (no "openapi" field)`);
  }
  return doc;
}

/**
 * Reads a value at a JSON pointer given as unencoded segments.
 *
 * @example
 * atPointer(spec, ['components', 'schemas', 'APIKeyInfo']); // the schema object
 */
export function atPointer(doc: unknown, pointer: readonly string[]): unknown {
  let node: unknown = doc;
  for (const segment of pointer) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/**
 * Turns `#/a/b~1c` into `['a', 'b/c']`. Only local refs are supported: the spec is one file.
 *
 * @example
 * refToPointer('#/components/responses/BadRequest'); // ['components', 'responses', 'BadRequest']
 */
export function refToPointer(ref: string): string[] {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported, got "${ref}"`);
  return ref
    .slice(2)
    .split('/')
    .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Encodes pointer segments as a URI fragment Ajv understands.
 *
 * @example
 * pointerToFragment(['paths', '/api/v1/keys', 'post']); // '#/paths/~1api~1v1~1keys/post'
 */
export function pointerToFragment(pointer: readonly string[]): string {
  return '#/' + pointer.map((s) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');
}

/**
 * Follows `$ref` chains of a non-schema object (response, header) and returns the object with
 * the pointer where it really lives, so schemas inside it can be referenced from there.
 *
 * @example
 * resolveObject(spec, { $ref: '#/components/headers/RequestId' }, ['paths', '/health', 'get', 'responses', '200', 'headers', 'X-Request-ID']);
 * // { value: { required: true, schema: {...} }, pointer: ['components', 'headers', 'RequestId'] }
 */
export function resolveObject<T>(doc: OpenApiDocument, value: unknown, pointer: string[]): { value: T; pointer: string[] } {
  let current = value;
  let where = pointer;
  for (let hops = 0; hops < 20; hops += 1) {
    const ref = current && typeof current === 'object' ? (current as { $ref?: unknown }).$ref : undefined;
    if (typeof ref !== 'string') return { value: current as T, pointer: where };
    where = refToPointer(ref);
    current = atPointer(doc, where);
    if (current === undefined) throw new Error(`unresolvable $ref "${ref}"`);
  }
  throw new Error(`$ref chain too long at ${pointerToFragment(pointer)}`);
}

type CompiledPath = { specPath: string; regex: RegExp; templated: number };

function compilePath(specPath: string): CompiledPath {
  let templated = 0;
  const pattern = specPath
    .split(/(\{[^}]+\})/)
    .map((part) => {
      if (/^\{[^}]+\}$/.test(part)) {
        templated += 1;
        return '[^/]+';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return { specPath, regex: new RegExp(`^${pattern}$`), templated };
}

/**
 * Builds a lookup from request path + method to the spec operation. Concrete paths win over
 * templated ones (`/api/v1/keys/validate` before `/api/v1/keys/{key_id}`), as OpenAPI requires;
 * among the matching paths the first that has the method is used.
 *
 * @example
 * const find = createOperationFinder(loadSpec());
 * find('POST', '/api/v1/keys/validate'); // { kind: 'operation', match: { specPath: '/api/v1/keys/validate', ... } }
 */
export function createOperationFinder(doc: OpenApiDocument): (method: string, path: string) => OperationLookup {
  const compiled = Object.keys(doc.paths ?? {})
    .map(compilePath)
    .sort((a, b) => a.templated - b.templated);
  const basePaths = (doc.servers ?? [])
    .map((s) => {
      try {
        return new URL(s.url, 'http://server.invalid').pathname.replace(/\/+$/, '');
      } catch {
        return '';
      }
    })
    .filter((p) => p !== '');

  return (method, rawPath) => {
    const lower = method.toLowerCase();
    const candidates = [rawPath, ...basePaths.filter((b) => rawPath.startsWith(b + '/')).map((b) => rawPath.slice(b.length))];
    // A concrete path wins over a templated one (OpenAPI 3.1 "Path Templating Matching"):
    // only the most concrete matching path is the request's path, whatever its methods.
    const c = compiled.find((candidate) => candidates.some((p) => candidate.regex.test(p)));
    if (!c) return { kind: 'path-not-documented' };
    const resolved = resolveObject<Record<string, unknown>>(doc, doc.paths?.[c.specPath], ['paths', c.specPath]);
    const operation = resolved.value?.[lower];
    if (HTTP_METHODS.has(lower) && operation && typeof operation === 'object') {
      return {
        kind: 'operation',
        match: { specPath: c.specPath, method: lower, pointer: [...resolved.pointer, lower], operation: operation as OperationMatch['operation'] },
      };
    }
    return { kind: 'method-not-documented', specPaths: [c.specPath] };
  };
}
