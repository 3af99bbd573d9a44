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

/**
 * Finds the API key of a request the way the Hokusai auth service does. When several are
 * present, the first in this order wins:
 * 1. `Authorization: Bearer <key>` or `Authorization: ApiKey <key>` (scheme case-insensitive)
 * 2. `X-API-Key: <key>`
 * 3. the `api_key` field of the JSON body (pass the parsed body; a `Request` body is not read)
 *
 * Values are trimmed and empty ones skipped. An `Authorization` header with another scheme
 * (e.g. `Basic`) is not an API key and is passed over. In a plain record, the lower-case name
 * (Node's spelling) is read first and other spellings only without it; repeated headers (arrays)
 * are joined with ", " as the Fetch `Headers` class does. The format is not checked here: a
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
  return fromAuthorization(headerOf(from, 'authorization')) ?? fromXApiKey(headerOf(from, 'x-api-key')) ?? fromBody(body);
}

function fromAuthorization(value: string | undefined): ApiKeyExtraction | undefined {
  if (value === undefined) return undefined;
  // The usual spelling, read on every request of a protected service: no trimming or lower-casing.
  if (value.startsWith('Bearer ') && isVisibleAscii(value.charCodeAt(7))) {
    const key = isVisibleAscii(value.charCodeAt(value.length - 1)) ? value.slice(7) : value.slice(7).trimEnd();
    return { key, source: 'authorization-bearer' };
  }
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

/** A header of a Request, a Headers object, or a plain record (lower-case name). */
function headerOf(from: unknown, name: string): string | undefined {
  if (typeof from !== 'object' || from === null) return undefined;
  // Duck-typed rather than `instanceof`, so Request/Headers from any realm or polyfill work.
  const requestHeaders = (from as { headers?: unknown }).headers;
  if (hasGet(requestHeaders)) return requestHeaders.get(name) ?? undefined;
  if (hasGet(from)) return from.get(name) ?? undefined;
  return recordHeader(from as Record<string, unknown>, name);
}

/**
 * A header of a plain record. The lower-case name (how Node spells every name) is read directly;
 * only without it are other spellings looked for.
 */
function recordHeader(record: Record<string, unknown>, name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(record, name)) {
    const direct = joinedStrings(record[name]);
    if (direct !== undefined) return direct;
  }
  let joined: string | undefined;
  // Names of another length are passed over before any lower-casing.
  for (const headerName in record) {
    if (headerName.length !== name.length || headerName === name || headerName.toLowerCase() !== name) continue;
    if (!Object.prototype.hasOwnProperty.call(record, headerName)) continue;
    const value = joinedStrings(record[headerName]);
    if (value !== undefined) joined = joined === undefined ? value : `${joined}, ${value}`;
  }
  return joined;
}

/** A header value as one string: repeats joined with ", " as the Fetch `Headers` class does. */
function joinedStrings(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return undefined;
  const strings = value.filter((item): item is string => typeof item === 'string');
  return strings.length > 0 ? strings.join(', ') : undefined;
}

/** A printable ASCII character: neither whitespace nor anything `trim` would remove. */
const isVisibleAscii = (code: number) => code > 32 && code < 127;

function hasGet(value: unknown): value is { get(name: string): string | null } {
  return typeof value === 'object' && value !== null && typeof (value as { get?: unknown }).get === 'function';
}
