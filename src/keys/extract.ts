/**
 * Where `extractApiKey` found the key.
 *
 * @example
 * const source: ApiKeySource = 'x-api-key';
 */
export type ApiKeySource = 'authorization-bearer' | 'authorization-apikey' | 'x-api-key' | 'body';

/**
 * Headers as a plain object, e.g. Node's `IncomingHttpHeaders`. Names match case-insensitively.
 *
 * @example
 * const headers: ApiKeyHeaderRecord = { 'x-api-key': 'hk_test_…', accept: ['application/json'] };
 */
export type ApiKeyHeaderRecord = Record<string, string | string[] | undefined>;

/**
 * A key found by `extractApiKey`, trimmed, with where it came from.
 *
 * @example
 * const found: ApiKeyExtraction = { key: 'hk_test_…', source: 'authorization-bearer' };
 */
export type ApiKeyExtraction = { key: string; source: ApiKeySource };

type HeaderLookup = (lowerCaseName: string) => string | undefined;

/**
 * Finds the API key of a request the way the Hokusai auth service does. When several are
 * present, the first in this order wins:
 * 1. `Authorization: Bearer <key>` or `Authorization: ApiKey <key>` (scheme case-insensitive)
 * 2. `X-API-Key: <key>`
 * 3. the `api_key` field of the JSON body (pass the parsed body; a `Request` body is not read)
 *
 * Values are trimmed and empty ones skipped. An `Authorization` header with another scheme
 * (e.g. `Basic`) is not an API key and is passed over. Repeated headers in a plain record are
 * joined with ", " as the Fetch `Headers` class does. The format is not checked here: a
 * malformed key is still returned, so the caller can answer "Invalid API key" rather than
 * "No API key provided".
 *
 * @example
 * extractApiKey(new Request('http://localhost/v1/models', { headers: { Authorization: 'Bearer hk_test_…' } }));
 * // { key: 'hk_test_…', source: 'authorization-bearer' }
 * extractApiKey(req.headers, { api_key: 'hk_test_…' }); // Node IncomingHttpHeaders + parsed body
 * // { key: 'hk_test_…', source: 'body' } when neither header carries a key
 * extractApiKey(new Headers({ Authorization: 'Basic dXNlcjpwYXNz' })); // undefined
 */
export function extractApiKey(from: Request | Headers | ApiKeyHeaderRecord, body?: unknown): ApiKeyExtraction | undefined {
  const header = headerLookup(from);
  return fromAuthorization(header('authorization')) ?? fromXApiKey(header('x-api-key')) ?? fromBody(body);
}

function fromAuthorization(value: string | undefined): ApiKeyExtraction | undefined {
  if (value === undefined) return undefined;
  // `<scheme> <key>`: the scheme ends at the first whitespace. Read on every request of a
  // protected service, so cut with `search` and `slice` rather than a capturing match.
  const text = value.trim();
  const end = text.search(/\s/);
  if (end <= 0) return undefined;
  const key = text.slice(end).trim();
  if (key === '') return undefined;
  const scheme = text.slice(0, end).toLowerCase();
  if (scheme === 'bearer') return { key, source: 'authorization-bearer' };
  if (scheme === 'apikey') return { key, source: 'authorization-apikey' };
  return undefined;
}

function fromXApiKey(value: string | undefined): ApiKeyExtraction | undefined {
  const key = value?.trim();
  return key ? { key, source: 'x-api-key' } : undefined;
}

function fromBody(body: unknown): ApiKeyExtraction | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  if (!Object.prototype.hasOwnProperty.call(body, 'api_key')) return undefined;
  const value: unknown = (body as { api_key: unknown }).api_key;
  const key = typeof value === 'string' ? value.trim() : '';
  return key ? { key, source: 'body' } : undefined;
}

/** One way to read a header from a Request, a Headers object, or a plain record. */
function headerLookup(from: unknown): HeaderLookup {
  if (typeof from !== 'object' || from === null) return () => undefined;
  // Duck-typed rather than `instanceof`, so Request/Headers from any realm or polyfill work.
  const requestHeaders = (from as { headers?: unknown }).headers;
  if (hasGet(requestHeaders)) return (name) => requestHeaders.get(name) ?? undefined;
  if (hasGet(from)) return (name) => from.get(name) ?? undefined;
  const record = from as Record<string, unknown>;
  return (name) => {
    let joined: string | undefined;
    // Names of another length are passed over before any lower-casing (Node's records are
    // already lower-case, so most lookups compare lengths and one string).
    for (const headerName in record) {
      if (headerName.length !== name.length || (headerName !== name && headerName.toLowerCase() !== name)) continue;
      if (!Object.prototype.hasOwnProperty.call(record, headerName)) continue;
      const value = record[headerName];
      const strings = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
      if (strings.length > 0) joined = [...(joined === undefined ? [] : [joined]), ...strings].join(', ');
    }
    return joined;
  };
}

function hasGet(value: unknown): value is { get(name: string): string | null } {
  return typeof value === 'object' && value !== null && typeof (value as { get?: unknown }).get === 'function';
}
