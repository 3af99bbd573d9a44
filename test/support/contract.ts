/**
 * Contract checks: does a response match what spec/hokusai-auth.openapi.yaml declares for its
 * operation? Schemas are compiled with Ajv's JSON Schema 2020-12 dialect (what OpenAPI 3.1
 * uses); OpenAPI-only keywords such as `example` are ignored.
 *
 * Rules for responses the spec cannot describe (so a test may send them without failing):
 * - `/__hokusai/...` test-control routes are exempt.
 * - An `OPTIONS` request to a path that documents no `options` operation is a CORS preflight
 *   and is exempt. `HEAD` is checked as `GET` without a body.
 * - A path the spec does not document may only answer 404 with a JSON `{"detail": string}`
 *   ("unknown route → 404 JSON"); any other status there means an undocumented endpoint.
 * - A documented path with an undocumented method may only answer 405 with a JSON
 *   `{"detail": string}` ("wrong method → 405 JSON").
 * Problems name fields and headers, never their values, so no key or token reaches test output.
 */
import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import {
  createOperationFinder,
  loadSpec,
  pointerToFragment,
  resolveObject,
  type OpenApiDocument,
  type OpenApiHeader,
  type OpenApiResponse,
} from './contract-spec';

export { loadSpec, SPEC_FILE } from './contract-spec';
export type { OpenApiDocument } from './contract-spec';

/**
 * A response to check, with the request it answered.
 *
 * @example
 * const sample: ResponseSample = { method: 'GET', path: '/health', status: 200, headers: res.headers, bodyText: await res.text() };
 */
export type ResponseSample = {
  /** HTTP method of the request. */
  method: string;
  /** Request URL (absolute or just path + query); `path` is an alias. */
  url?: string;
  path?: string;
  status: number;
  headers?: Headers | Record<string, string | string[] | undefined>;
  /** The parsed JSON body; omit it and give `bodyText` to have the checker parse it. */
  body?: unknown;
  /** The raw body text. */
  bodyText?: string;
};

/**
 * Which declared response headers must be present: `'required'` = those with `required: true`
 * (OpenAPI's own rule), `'declared'` = every declared header.
 *
 * @example
 * createContractChecker(loadSpec(), { headers: 'required' satisfies HeaderPresenceRule });
 */
export type HeaderPresenceRule = 'required' | 'declared';

/**
 * Options of `createContractChecker`.
 *
 * @example
 * const options: ContractCheckerOptions = { headers: 'declared', specName: 'my spec' };
 */
export type ContractCheckerOptions = { headers?: HeaderPresenceRule; specName?: string };

/**
 * Checks responses against one OpenAPI document.
 *
 * @example
 * const checker: ContractChecker = createContractChecker(loadSpec());
 * checker.assert(sample); // throws ContractViolationError on a mismatch
 */
export type ContractChecker = {
  /** Every problem found; an empty list means the response matches. */
  problems(sample: ResponseSample): string[];
  /** Throws a `ContractViolationError` listing every problem. */
  assert(sample: ResponseSample): void;
};

/**
 * Thrown when a response breaks the spec; `problems` lists each broken rule.
 *
 * @example
 * try { assertResponseMatchesSpec(sample); } catch (e) { if (e instanceof ContractViolationError) console.log(e.problems); }
 */
export class ContractViolationError extends Error {
  override readonly name = 'ContractViolationError';
  constructor(
    readonly request: string,
    readonly problems: readonly string[],
    specName: string,
  ) {
    super(`${request} does not match ${specName}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const SPEC_ID = 'https://hokusai.invalid/openapi.json';
const TEST_CONTROL_PREFIX = '/__hokusai';

function headerGetter(headers: ResponseSample['headers']): (name: string) => string | undefined {
  if (!headers) return () => undefined;
  if (headers instanceof Headers) return (name) => headers.get(name) ?? undefined;
  const lower = new Map<string, string>();
  for (const [k, v] of Object.entries(headers)) {
    if (v !== undefined) lower.set(k.toLowerCase(), Array.isArray(v) ? v.join(', ') : v);
  }
  return (name) => lower.get(name.toLowerCase());
}

function formatAjvError(where: string, e: ErrorObject): string {
  const at = `${where}${e.instancePath}`;
  if (e.keyword === 'additionalProperties') {
    return `${at} has a property the spec does not allow: "${String(e.params.additionalProperty)}"`;
  }
  if (e.keyword === 'enum') return `${at} must be one of ${JSON.stringify(e.params.allowedValues)}`;
  return `${at} ${e.message ?? 'is invalid'}`;
}

function isJsonMediaType(type: string): boolean {
  return type === 'application/json' || type.endsWith('+json');
}

/** Picks the declared media type for an actual content type: exact, then `type/*`, then `*\/*`. */
function pickMediaType(declared: string[], actual: string): string | undefined {
  return (
    declared.find((d) => d.toLowerCase() === actual) ??
    declared.find((d) => d.toLowerCase() === `${actual.split('/')[0]}/*`) ??
    declared.find((d) => d === '*/*')
  );
}

/** Turns a header string into the type its schema expects, so `"42"` checks against `integer`. */
function coerceHeader(value: string, schema: unknown): unknown {
  const type = schema && typeof schema === 'object' ? (schema as { type?: unknown }).type : undefined;
  const types = Array.isArray(type) ? type : [type];
  if ((types.includes('integer') || types.includes('number')) && value.trim() !== '' && !Number.isNaN(Number(value))) {
    return Number(value);
  }
  if (types.includes('boolean') && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

function requestPath(sample: ResponseSample): string {
  const raw = sample.url ?? sample.path;
  if (!raw) throw new Error('assertResponseMatchesSpec needs the request url or path');
  return new URL(raw, 'http://localhost').pathname;
}

function checkErrorShape(contentType: string, body: () => unknown): string[] {
  if (!isJsonMediaType(contentType)) return [`the body must be JSON, got content-type "${contentType || '(none)'}"`];
  const value = body();
  const detail = value && typeof value === 'object' ? (value as { detail?: unknown }).detail : undefined;
  return typeof detail === 'string' ? [] : ['the body must be a JSON object with a string "detail"'];
}

/**
 * Compiles the response rules of an OpenAPI 3.1 document into a checker.
 *
 * @example
 * const checker = createContractChecker(loadSpec());
 * checker.problems({ method: 'GET', path: '/health', status: 200, headers: { 'content-type': 'application/json' }, body: { status: 'healthy' } }); // []
 */
export function createContractChecker(doc: OpenApiDocument, options: ContractCheckerOptions = {}): ContractChecker {
  const headerRule = options.headers ?? 'required';
  const specName = options.specName ?? 'the OpenAPI spec';
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema(doc as object, SPEC_ID, undefined, false);
  const findOperation = createOperationFinder(doc);
  const validators = new Map<string, ValidateFunction>();

  function validatorAt(pointer: string[]): ValidateFunction {
    const ref = SPEC_ID + pointerToFragment(pointer);
    let validate = validators.get(ref);
    if (!validate) {
      validate = ajv.compile({ $ref: ref });
      validators.set(ref, validate);
    }
    return validate;
  }

  function problems(sample: ResponseSample): string[] {
    const path = requestPath(sample);
    const method = sample.method.toUpperCase();
    if (path === TEST_CONTROL_PREFIX || path.startsWith(`${TEST_CONTROL_PREFIX}/`)) return [];
    const header = headerGetter(sample.headers);
    const contentType = (header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const text = sample.bodyText;
    const hasBody = sample.body !== undefined || (text !== undefined && text !== '');
    let parsed: { ok: true; value: unknown } | { ok: false } | undefined;
    const body = (): unknown => {
      if (!parsed) {
        if (sample.body !== undefined || text === undefined) parsed = { ok: true, value: sample.body };
        else {
          try {
            parsed = { ok: true, value: JSON.parse(text) };
          } catch {
            parsed = { ok: false };
          }
        }
      }
      return parsed.ok ? parsed.value : undefined;
    };

    const lookupMethod = method === 'HEAD' ? 'GET' : method;
    const lookup = findOperation(lookupMethod, path);
    if (lookup.kind === 'path-not-documented') {
      if (sample.status !== 404) {
        return [`${path} is not in the spec: only a 404 may answer an undocumented path, got ${sample.status}`];
      }
      return method === 'HEAD' ? [] : checkErrorShape(contentType, body).map((p) => `404 for an unknown route: ${p}`);
    }
    if (lookup.kind === 'method-not-documented') {
      if (method === 'OPTIONS') return [];
      if (sample.status !== 405) {
        return [
          `${method} is not documented for ${lookup.specPaths.join(', ')}: only a 405 may answer it, got ${sample.status}`,
        ];
      }
      return method === 'HEAD' ? [] : checkErrorShape(contentType, body).map((p) => `405 for a wrong method: ${p}`);
    }

    const { match } = lookup;
    const responses = match.operation.responses ?? {};
    const status = String(sample.status);
    const statusKey = [status, `${status[0]}XX`, `${status[0]}xx`, 'default'].find((k) => k in responses);
    if (!statusKey) {
      return [`status ${status} is not declared for ${match.method.toUpperCase()} ${match.specPath} (declared: ${Object.keys(responses).join(', ')})`];
    }
    const found: string[] = [];
    const { value: response, pointer: responsePointer } = resolveObject<OpenApiResponse>(
      doc,
      responses[statusKey],
      [...match.pointer, 'responses', statusKey],
    );

    for (const [name, declared] of Object.entries(response.headers ?? {})) {
      if (name.toLowerCase() === 'content-type') continue; // OpenAPI: a Content-Type header entry is ignored
      const { value: headerSpec, pointer: headerPointer } = resolveObject<OpenApiHeader>(doc, declared, [
        ...responsePointer,
        'headers',
        name,
      ]);
      const value = header(name);
      if (value === undefined) {
        if (headerSpec.required === true || headerRule === 'declared') found.push(`header ${name} is declared for ${status} but missing`);
        continue;
      }
      if (headerSpec.schema !== undefined) {
        const validate = validatorAt([...headerPointer, 'schema']);
        if (!validate(coerceHeader(value, headerSpec.schema))) {
          found.push(...(validate.errors ?? []).map((e) => formatAjvError(`header ${name}`, e)));
        }
      }
    }

    const declaredTypes = Object.keys(response.content ?? {});
    if (method === 'HEAD' || sample.status === 204 || sample.status === 304) return found;
    if (declaredTypes.length === 0) {
      if (hasBody) found.push(`${status} declares no body, but one was sent`);
      return found;
    }
    const mediaKey = pickMediaType(declaredTypes, contentType);
    if (!mediaKey) {
      found.push(`content-type "${contentType || '(none)'}" is not declared for ${status} (declared: ${declaredTypes.join(', ')})`);
      return found;
    }
    if (response.content?.[mediaKey]?.schema === undefined) return found;
    if (isJsonMediaType(contentType)) {
      const value = body();
      if (parsed && !parsed.ok) {
        found.push('the body is not valid JSON');
        return found;
      }
      if (!hasBody) {
        found.push(`${status} declares a ${mediaKey} body, but none was sent`);
        return found;
      }
      const validate = validatorAt([...responsePointer, 'content', mediaKey, 'schema']);
      if (!validate(value)) found.push(...(validate.errors ?? []).map((e) => formatAjvError('body', e)));
    }
    return found;
  }

  return {
    problems,
    assert(sample) {
      const found = problems(sample);
      if (found.length > 0) {
        throw new ContractViolationError(`${sample.method.toUpperCase()} ${requestPath(sample)} → ${sample.status}`, found, specName);
      }
    },
  };
}

let defaultChecker: ContractChecker | undefined;

/**
 * The checker for the project's spec (spec/hokusai-auth.openapi.yaml), built once.
 *
 * @example
 * projectContractChecker().problems(sample); // [] when the response matches
 */
export function projectContractChecker(): ContractChecker {
  defaultChecker ??= createContractChecker(loadSpec(), { specName: 'spec/hokusai-auth.openapi.yaml' });
  return defaultChecker;
}

/**
 * Throws a readable `ContractViolationError` unless the response matches the project's spec:
 * documented path and method, declared status (or `default`), body valid for the status and
 * content type, required response headers present and valid.
 *
 * @example
 * const res = await app.fetch(new Request('http://localhost/health'));
 * assertResponseMatchesSpec({ method: 'GET', url: '/health', status: res.status, headers: res.headers, bodyText: await res.text() });
 */
export function assertResponseMatchesSpec(sample: ResponseSample, checker: ContractChecker = projectContractChecker()): void {
  checker.assert(sample);
}

/**
 * A fetch-like function: what `withContractCheck` wraps and returns.
 *
 * @example
 * const fetchLike: FetchLike = (input, init) => app.request(input, init);
 */
export type FetchLike = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/**
 * A wrapped fetch that also keeps every violation it saw.
 *
 * @example
 * const fetch: ContractCheckedFetch = withContractCheck(app.fetch, { onViolation: 'record' });
 * expect(fetch.violations).toEqual([]);
 */
export type ContractCheckedFetch = FetchLike & { readonly violations: ContractViolationError[] };

/**
 * Options of `withContractCheck`.
 *
 * @example
 * const options: ContractCheckOptions = { checker: createContractChecker(loadSpec()), onViolation: 'record' };
 */
export type ContractCheckOptions = {
  checker?: ContractChecker;
  /** `'throw'` (default) rejects the call; `'record'` only adds to `violations` for a later assertion. */
  onViolation?: 'throw' | 'record';
};

/**
 * Wraps a fetch-like function so every response is checked against the spec. The caller still
 * gets the untouched response (the check reads a clone).
 *
 * @example
 * const fetch = withContractCheck(app.fetch);
 * const res = await fetch('http://localhost/api/v1/keys/validate', { method: 'POST' }); // rejects if the answer breaks the spec
 */
export function withContractCheck(fetchLike: FetchLike, options: ContractCheckOptions = {}): ContractCheckedFetch {
  const violations: ContractViolationError[] = [];
  const checked = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const url = input instanceof Request ? input.url : String(input);
    const response = await fetchLike(input, init);
    const bodyText = method.toUpperCase() === 'HEAD' ? '' : await response.clone().text();
    const checker = options.checker ?? projectContractChecker();
    const sample = { method, url, status: response.status, headers: response.headers, bodyText };
    try {
      checker.assert(sample);
    } catch (error) {
      if (!(error instanceof ContractViolationError)) throw error;
      violations.push(error);
      if (options.onViolation !== 'record') throw error;
    }
    return response;
  };
  return Object.assign(checked, { violations });
}
