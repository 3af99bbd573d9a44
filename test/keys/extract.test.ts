import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractApiKey, type ApiKeyExtraction, type ApiKeyHeaderRecord } from '../../src/keys';
import { ALPHABET, headerPadding, randomCase, validKey } from './arbitraries';

const KEY_A = 'hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456';
const KEY_B = 'hk_live_ZyXwVuTsRqPoNmLkJiHgFeDcBa654321';
const KEY_C = 'hk_dev_0123456789abcdefghijABCDEFGHIJ01';

type Form = 'request' | 'headers' | 'record' | 'record-array';

/** The same header list as a Request, a Headers object, or a (Node-style) plain record. */
function asInput(form: Form, headers: Array<[string, string]>): Request | Headers | ApiKeyHeaderRecord {
  if (form === 'request') return new Request('http://localhost/api/v1/keys/validate', { headers });
  if (form === 'headers') return new Headers(headers);
  const record: ApiKeyHeaderRecord = {};
  for (const [name, value] of headers) record[name] = form === 'record-array' ? [value] : value;
  return record;
}

describe('extractApiKey: the three ways, one at a time', () => {
  const forms: Form[] = ['request', 'headers', 'record', 'record-array'];

  it.each(forms)('Authorization: Bearer <key> (%s)', (form) => {
    expect(extractApiKey(asInput(form, [['Authorization', `Bearer ${KEY_A}`]]))).toEqual({ key: KEY_A, source: 'authorization-bearer' });
  });

  it.each(forms)('Authorization: ApiKey <key> (%s)', (form) => {
    expect(extractApiKey(asInput(form, [['authorization', `ApiKey ${KEY_A}`]]))).toEqual({ key: KEY_A, source: 'authorization-apikey' });
  });

  it.each(forms)('X-API-Key: <key> (%s)', (form) => {
    expect(extractApiKey(asInput(form, [['X-API-Key', KEY_A]]))).toEqual({ key: KEY_A, source: 'x-api-key' });
  });

  it('body field api_key', () => {
    expect(extractApiKey({}, { api_key: KEY_A, service_id: 'prediction' })).toEqual({ key: KEY_A, source: 'body' });
  });

  it('nothing anywhere -> undefined', () => {
    expect(extractApiKey({})).toBeUndefined();
    expect(extractApiKey(new Headers(), {})).toBeUndefined();
    expect(extractApiKey(new Request('http://localhost/'))).toBeUndefined();
  });
});

describe('extractApiKey: details', () => {
  it('matches the scheme case-insensitively and tolerates extra spaces', () => {
    expect(extractApiKey({ authorization: `bEaReR    ${KEY_A}  ` })).toEqual({ key: KEY_A, source: 'authorization-bearer' });
    expect(extractApiKey({ authorization: `APIKEY\t${KEY_A}` })).toEqual({ key: KEY_A, source: 'authorization-apikey' });
  });

  it('reads `Bearer <key>` as written the same as through the general scheme parsing', () => {
    // Whitespace trim removes beyond ASCII, next to the scheme and at the end.
    for (const [authorization, key] of [
      [`Bearer ${KEY_A}`, KEY_A],
      [`Bearer ${KEY_A} \u00a0`, KEY_A],
      [`Bearer \u00a0${KEY_A}`, KEY_A],
      [`Bearer  ${KEY_A}\u2028`, KEY_A],
      [`Bearer ${KEY_A} extra`, `${KEY_A} extra`],
      [`Bearer é${KEY_A}`, `é${KEY_A}`],
    ] as const) {
      expect(extractApiKey({ authorization })).toEqual({ key, source: 'authorization-bearer' });
      expect(extractApiKey(new Headers({ authorization: authorization.trim() }))).toEqual({ key, source: 'authorization-bearer' });
    }
  });

  it('in a plain record, reads the lower-case name first and other spellings only without it', () => {
    expect(extractApiKey({ authorization: `Bearer ${KEY_A}`, Authorization: `Bearer ${KEY_B}` })).toEqual({ key: KEY_A, source: 'authorization-bearer' });
    expect(extractApiKey({ authorization: [], Authorization: `Bearer ${KEY_B}` })).toEqual({ key: KEY_B, source: 'authorization-bearer' });
    expect(extractApiKey({ 'X-Api-Key': KEY_A, 'X-API-KEY': KEY_B })).toEqual({ key: `${KEY_A}, ${KEY_B}`, source: 'x-api-key' });
  });

  it('passes over an Authorization header with another scheme or no credentials', () => {
    for (const authorization of ['Basic dXNlcjpwYXNz', `Token ${KEY_A}`, `Bearer`, 'Bearer    ', KEY_A, '', `Bearer-${KEY_A}`]) {
      expect(extractApiKey({ authorization, 'x-api-key': KEY_B })).toEqual({ key: KEY_B, source: 'x-api-key' });
      expect(extractApiKey({ authorization }, { api_key: KEY_C })).toEqual({ key: KEY_C, source: 'body' });
    }
  });

  it('matches header names case-insensitively in a plain record', () => {
    expect(extractApiKey({ AUTHORIZATION: `Bearer ${KEY_A}` })).toEqual({ key: KEY_A, source: 'authorization-bearer' });
    expect(extractApiKey({ 'x-Api-KEY': KEY_B })).toEqual({ key: KEY_B, source: 'x-api-key' });
  });

  it('reads Node IncomingHttpHeaders arrays, joining repeats like the Fetch Headers class', () => {
    expect(extractApiKey({ 'x-api-key': [KEY_A], 'set-cookie': ['a=b'] })).toEqual({ key: KEY_A, source: 'x-api-key' });
    const fromRecord = extractApiKey({ 'x-api-key': [KEY_A, KEY_B] });
    const fromHeaders = extractApiKey(new Headers([['x-api-key', KEY_A], ['x-api-key', KEY_B]]));
    expect(fromRecord).toEqual(fromHeaders);
    expect(fromRecord).toEqual({ key: `${KEY_A}, ${KEY_B}`, source: 'x-api-key' });
  });

  it('skips empty values and undefined record entries', () => {
    expect(extractApiKey({ authorization: undefined, 'x-api-key': '   ' }, { api_key: KEY_C })).toEqual({ key: KEY_C, source: 'body' });
    expect(extractApiKey({ 'x-api-key': [] }, { api_key: '' })).toBeUndefined();
  });

  it('trims whitespace around the key in every source', () => {
    expect(extractApiKey({ 'x-api-key': `\t ${KEY_A} ` })).toEqual({ key: KEY_A, source: 'x-api-key' });
    expect(extractApiKey({}, { api_key: `\n${KEY_A}\n` })).toEqual({ key: KEY_A, source: 'body' });
  });

  it('ignores a body that is not an object with a string api_key', () => {
    for (const body of [undefined, null, KEY_A, 42, [KEY_A], { api_key: 42 }, { api_key: null }, { apiKey: KEY_A }, Object.create({ api_key: KEY_A })]) {
      expect(extractApiKey({}, body)).toBeUndefined();
    }
  });

  it('returns a malformed key as sent, so the caller can answer "Invalid API key"', () => {
    expect(extractApiKey({ 'x-api-key': 'hk_prod_nope' })).toEqual({ key: 'hk_prod_nope', source: 'x-api-key' });
  });

  it('does not read the body of a Request', () => {
    const request = new Request('http://localhost/api/v1/keys/validate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ api_key: KEY_A }),
    });
    expect(extractApiKey(request)).toBeUndefined();
    expect(request.bodyUsed).toBe(false);
  });

  it('treats a missing header container from untyped code as no headers', () => {
    expect(extractApiKey(undefined as unknown as Headers, { api_key: KEY_A })).toEqual({ key: KEY_A, source: 'body' });
  });
});

// Property test: every combination of the three sources, in every input form.
const keyValue = fc.oneof(
  validKey.map(({ key }) => key),
  fc.string({ unit: fc.constantFrom(...`${ALPHABET}_-.~+/=`), minLength: 1, maxLength: 50 }),
);

type AuthCase = { header: string; expected?: ApiKeyExtraction };

const authorization: fc.Arbitrary<AuthCase | undefined> = fc.oneof(
  fc.constant(undefined),
  fc
    .tuple(fc.constantFrom('bearer', 'apikey'), headerPadding, fc.constantFrom(' ', '  ', '\t'), keyValue, headerPadding)
    .chain(([scheme, before, gap, key, after]) =>
      randomCase(scheme).map((cased) => ({
        header: `${before}${cased}${gap}${key}${after}`,
        expected: { key, source: scheme === 'bearer' ? ('authorization-bearer' as const) : ('authorization-apikey' as const) },
      })),
    ),
  fc.tuple(fc.constantFrom('Basic', 'Digest', 'Token', 'Bearerx', 'Api-Key'), keyValue).map(([scheme, key]) => ({ header: `${scheme} ${key}` })),
  fc.constantFrom('', ' ', 'Bearer', 'ApiKey  ').map((header) => ({ header })),
);

const xApiKey: fc.Arbitrary<AuthCase | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.tuple(headerPadding, keyValue, headerPadding).map(([before, key, after]) => ({
    header: `${before}${key}${after}`,
    expected: { key, source: 'x-api-key' as const },
  })),
  fc.constantFrom('', '  ').map((header) => ({ header })),
);

const body: fc.Arbitrary<{ value: unknown; expected?: ApiKeyExtraction }> = fc.oneof(
  fc.constantFrom(undefined, null, {}, [], 'text', { api_key: '' }, { api_key: ' \n' }, { api_key: 7 }).map((value) => ({ value })),
  fc.tuple(fc.constantFrom('', ' ', '\n'), keyValue).map(([pad, key]) => ({
    value: { service_id: 'prediction', api_key: `${pad}${key}${pad}` },
    expected: { key, source: 'body' as const },
  })),
);

describe('extractApiKey: priority Authorization > X-API-Key > body (property test)', () => {
  it('the first usable source in that order wins, for Request, Headers and records alike', () => {
    fc.assert(
      fc.property(
        authorization,
        xApiKey,
        body,
        fc.constantFrom<Form>('request', 'headers', 'record', 'record-array'),
        randomCase('authorization'),
        randomCase('x-api-key'),
        (auth, apiKeyHeader, bodyCase, form, authName, apiKeyName) => {
          const headers: Array<[string, string]> = [];
          if (auth) headers.push([authName, auth.header]);
          if (apiKeyHeader) headers.push([apiKeyName, apiKeyHeader.header]);
          const expected = auth?.expected ?? apiKeyHeader?.expected ?? bodyCase.expected;
          expect(extractApiKey(asInput(form, headers), bodyCase.value)).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
