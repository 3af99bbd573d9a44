// The contract harness itself: each rule must catch the violation it exists for, and let a
// correct response through untouched. A small fixture spec keeps the cases independent of
// how the project spec evolves.
import { describe, expect, it } from 'vitest';
import {
  ContractViolationError,
  assertResponseMatchesSpec,
  createContractChecker,
  withContractCheck,
  type OpenApiDocument,
} from '../support/contract';

const SECRET_KEY = 'hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456';

const fixtureSpec: OpenApiDocument = {
  openapi: '3.1.0',
  info: { title: 'fixture', version: '1' },
  paths: {
    '/api/v1/keys/validate': {
      post: {
        responses: {
          '200': {
            description: 'valid',
            headers: {
              'X-RateLimit-Limit': { $ref: '#/components/headers/RateLimitLimit' },
              'X-Request-ID': { schema: { type: 'string' } },
            },
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ValidationSuccess' } } },
          },
          '401': { $ref: '#/components/responses/Unauthorized' },
        },
      },
    },
    '/api/v1/keys/{key_id}': {
      get: {
        responses: {
          '200': {
            description: 'key',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/KeyInfo' } } },
          },
          default: { $ref: '#/components/responses/Unauthorized' },
        },
      },
      delete: { responses: { '202': { description: 'accepted, no body' }, '204': { description: 'gone' } } },
    },
  },
  components: {
    headers: {
      RateLimitLimit: { required: true, schema: { type: 'integer', minimum: 1 } },
    },
    responses: {
      Unauthorized: {
        description: 'error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    },
    schemas: {
      ValidationSuccess: {
        type: 'object',
        required: ['is_valid', 'key_id', 'scopes', 'rate_limit_per_hour'],
        properties: {
          is_valid: { const: true },
          key_id: { type: 'string', format: 'uuid' },
          scopes: { type: 'array', items: { type: 'string' } },
          rate_limit_per_hour: { type: 'integer', example: 1000 },
          monthly_prediction_limit: { type: ['integer', 'null'] },
        },
      },
      KeyInfo: {
        type: 'object',
        required: ['key_id', 'key_prefix'],
        additionalProperties: false,
        properties: { key_id: { type: 'string', format: 'uuid' }, key_prefix: { type: 'string' } },
      },
      Error: { type: 'object', required: ['detail'], properties: { detail: { type: 'string' } } },
    },
  },
};

const checker = createContractChecker(fixtureSpec, { specName: 'fixture spec' });

const goodBody = {
  is_valid: true,
  key_id: '550e8400-e29b-41d4-a716-446655440000',
  scopes: ['predict'],
  rate_limit_per_hour: 1000,
  monthly_prediction_limit: null,
};

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-ratelimit-limit': '1000', ...headers },
  });
}

/** A fetch that always answers with the given response, like a server with a bug. */
function fakeFetch(make: () => Response) {
  return withContractCheck(async () => make(), { checker });
}

async function violationOf(call: Promise<unknown>): Promise<ContractViolationError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ContractViolationError);
  return error as ContractViolationError;
}

const validate = (fetch: ReturnType<typeof fakeFetch>) =>
  fetch('http://localhost/api/v1/keys/validate', { method: 'POST', headers: { authorization: `Bearer ${SECRET_KEY}` } });

describe('withContractCheck', () => {
  it('passes a response that matches the spec and hands it over unread', async () => {
    const res = await validate(fakeFetch(() => json(goodBody)));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(goodBody);
  });

  it('fails a status code the operation does not declare', async () => {
    const error = await violationOf(validate(fakeFetch(() => json({ detail: 'teapot' }, 418))));
    expect(error.problems).toEqual([expect.stringContaining('status 418 is not declared for POST /api/v1/keys/validate')]);
  });

  it('fails a body field of the wrong type', async () => {
    const error = await violationOf(validate(fakeFetch(() => json({ ...goodBody, rate_limit_per_hour: '1000' }))));
    expect(error.problems).toEqual(['body/rate_limit_per_hour must be integer']);
  });

  it('fails a body with a missing required field', async () => {
    const { key_id: _dropped, ...withoutKeyId } = goodBody;
    const error = await violationOf(validate(fakeFetch(() => json(withoutKeyId))));
    expect(error.problems).toEqual(["body must have required property 'key_id'"]);
  });

  it('fails a response without a required declared header (declared through a $ref)', async () => {
    const error = await violationOf(
      validate(fakeFetch(() => new Response(JSON.stringify(goodBody), { headers: { 'content-type': 'application/json' } }))),
    );
    expect(error.problems).toEqual(['header X-RateLimit-Limit is declared for 200 but missing']);
  });

  it('checks a declared header value against its schema', async () => {
    const error = await violationOf(validate(fakeFetch(() => json(goodBody, 200, { 'x-ratelimit-limit': 'lots' }))));
    expect(error.problems).toEqual(['header X-RateLimit-Limit must be integer']);
  });

  it('fails an undeclared content type and a body that is not JSON', async () => {
    const html = await violationOf(
      validate(fakeFetch(() => new Response('<h1>hi</h1>', { headers: { 'content-type': 'text/html', 'x-ratelimit-limit': '5' } }))),
    );
    expect(html.problems).toEqual([expect.stringContaining('content-type "text/html" is not declared for 200')]);
    const broken = await violationOf(
      validate(fakeFetch(() => new Response('{"is_valid":', { headers: { 'content-type': 'application/json', 'x-ratelimit-limit': '5' } }))),
    );
    expect(broken.problems).toEqual(['the body is not valid JSON']);
  });

  it('checks error responses declared through components/responses', async () => {
    await expect(validate(fakeFetch(() => json({ detail: 'Invalid API key' }, 401)))).resolves.toBeInstanceOf(Response);
    const error = await violationOf(validate(fakeFetch(() => json({ message: 'Invalid API key' }, 401))));
    expect(error.problems).toEqual(["body must have required property 'detail'"]);
  });

  it('uses the `default` response for statuses not listed, and enforces additionalProperties: false', async () => {
    const get = (make: () => Response) => fakeFetch(make)('http://localhost/api/v1/keys/550e8400-e29b-41d4-a716-446655440000');
    await expect(get(() => json({ detail: 'API key not found' }, 404))).resolves.toBeInstanceOf(Response);
    const error = await violationOf(
      get(() => json({ key_id: '550e8400-e29b-41d4-a716-446655440000', key_prefix: 'hk_test_AbC***', key_hash: 'x' })),
    );
    expect(error.problems).toEqual(['body has a property the spec does not allow: "key_hash"']);
  });

  it('checks formats (uuid) from ajv-formats', async () => {
    const error = await violationOf(validate(fakeFetch(() => json({ ...goodBody, key_id: 'not-a-uuid' }))));
    expect(error.problems).toEqual(['body/key_id must match format "uuid"']);
  });

  it('fails a body on a response that declares none', async () => {
    const del = (make: () => Response) => fakeFetch(make)('http://localhost/api/v1/keys/550e8400-e29b-41d4-a716-446655440000', { method: 'DELETE' });
    const error = await violationOf(del(() => json({ message: 'gone' }, 202)));
    expect(error.problems).toEqual(['202 declares no body, but one was sent']);
    await expect(del(() => new Response(null, { status: 204 }))).resolves.toBeInstanceOf(Response);
  });

  it('lets an undocumented path answer only 404 JSON', async () => {
    const nowhere = (make: () => Response) => fakeFetch(make)('http://localhost/api/v2/nothing');
    await expect(nowhere(() => json({ detail: 'Not found' }, 404))).resolves.toBeInstanceOf(Response);
    const ok = await violationOf(nowhere(() => json({ hello: 'world' }, 200)));
    expect(ok.problems).toEqual([expect.stringContaining('/api/v2/nothing is not in the spec')]);
    const text = await violationOf(nowhere(() => new Response('Not Found', { status: 404 })));
    expect(text.problems).toEqual([expect.stringContaining('404 for an unknown route: the body must be JSON')]);
  });

  it('lets an undocumented method on a documented path answer only 405 JSON', async () => {
    const put = (make: () => Response) => fakeFetch(make)('http://localhost/api/v1/keys/validate', { method: 'PUT' });
    await expect(put(() => json({ detail: 'Method not allowed' }, 405))).resolves.toBeInstanceOf(Response);
    const error = await violationOf(put(() => json({ detail: 'Not found' }, 404)));
    expect(error.problems).toEqual([expect.stringContaining('PUT is not documented for /api/v1/keys/validate')]);
  });

  it('exempts test-control routes and CORS preflights', async () => {
    const anything = fakeFetch(() => new Response('ok', { status: 200 }));
    await expect(anything('http://localhost/__hokusai/clock', { method: 'POST' })).resolves.toBeInstanceOf(Response);
    await expect(anything(new Request('http://localhost/api/v1/keys/validate', { method: 'OPTIONS' }))).resolves.toBeInstanceOf(Response);
  });

  it('reads method and URL from a Request object', async () => {
    const fetch = fakeFetch(() => json({ detail: 'teapot' }, 418));
    const error = await violationOf(fetch(new Request('http://localhost/api/v1/keys/validate', { method: 'POST' })));
    expect(error.request).toBe('POST /api/v1/keys/validate → 418');
  });

  it("can record violations instead of throwing, for the test's own assertion", async () => {
    const fetch = withContractCheck(async () => json({ detail: 'teapot' }, 418), { checker, onViolation: 'record' });
    const res = await validate(fetch);
    expect(res.status).toBe(418);
    expect(fetch.violations).toHaveLength(1);
  });

  it('never puts values (keys, tokens) into the error message', async () => {
    const error = await violationOf(validate(fakeFetch(() => json({ ...goodBody, key_id: SECRET_KEY, scopes: SECRET_KEY }))));
    expect(error.problems.length).toBeGreaterThan(0);
    expect(error.message).not.toContain(SECRET_KEY);
    expect(error.message).not.toContain('AbCdEf');
  });
});

describe('assertResponseMatchesSpec', () => {
  it('checks an already parsed body and plain-object headers', () => {
    const sample = { method: 'post', path: '/api/v1/keys/validate', status: 200, headers: { 'X-RateLimit-Limit': '10' }, body: goodBody };
    expect(() => assertResponseMatchesSpec({ ...sample, headers: { ...sample.headers, 'Content-Type': 'application/json' } }, checker)).not.toThrow();
    expect(() =>
      assertResponseMatchesSpec({ ...sample, headers: { 'Content-Type': 'application/json' }, body: { ...goodBody, scopes: 'predict' } }, checker),
    ).toThrow(/header X-RateLimit-Limit is declared for 200 but missing\n  - body\/scopes must be array/);
  });

  it("with headers: 'declared', requires every declared header, not only required ones", () => {
    const strict = createContractChecker(fixtureSpec, { headers: 'declared' });
    const sample = { method: 'POST', url: '/api/v1/keys/validate', status: 200, headers: { 'content-type': 'application/json', 'x-ratelimit-limit': '1' }, body: goodBody };
    expect(checker.problems(sample)).toEqual([]);
    expect(strict.problems(sample)).toEqual(['header X-Request-ID is declared for 200 but missing']);
  });
});
