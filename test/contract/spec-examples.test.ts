// The contract harness on the real spec: every response example the spec documents (except
// those marked `x-abridged`, which quote the quickstart's shortened output) must pass the same
// checks the stub's responses go through, so the harness, the schemas and the examples agree.
import { describe, expect, it } from 'vitest';
import { createContractChecker, loadSpec } from '../support/contract';

type Example = { value?: unknown; 'x-abridged'?: boolean; $ref?: string };
type Response = { $ref?: string; headers?: Record<string, { $ref?: string }>; content?: Record<string, { examples?: Record<string, Example> }> };

const spec = loadSpec();
const checker = createContractChecker(spec, { specName: 'spec/hokusai-auth.openapi.yaml' });

function resolve<T>(value: unknown): T {
  let current = value as { $ref?: string };
  while (current && typeof current.$ref === 'string') {
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')], spec) as { $ref?: string };
  }
  return current as T;
}

/** A concrete request path for a templated spec path. */
const concretePath = (specPath: string) => specPath.replace(/\{[^}]+\}/g, '550e8400-e29b-41d4-a716-446655440000');

/** Plausible values for every header the response declares, so only the body is under test. */
function headersFor(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of Object.keys(response.headers ?? {})) headers[name] = name === 'X-Request-ID' ? 'req-1' : '60';
  return headers;
}

const cases: Array<[string, string, number, string, string, unknown, Response]> = [];
for (const [specPath, item] of Object.entries(spec.paths ?? {})) {
  for (const [method, operation] of Object.entries(item ?? {})) {
    const responses = (operation as { responses?: Record<string, unknown> }).responses;
    if (!responses) continue;
    for (const [status, raw] of Object.entries(responses)) {
      const response = resolve<Response>(raw);
      for (const [mediaType, media] of Object.entries(response.content ?? {})) {
        for (const [name, rawExample] of Object.entries(media.examples ?? {})) {
          const example = resolve<Example>(rawExample);
          if (example['x-abridged']) continue;
          cases.push([`${method.toUpperCase()} ${specPath} ${status} ${name}`, method, Number(status), mediaType, specPath, example.value, response]);
        }
      }
    }
  }
}

describe('response examples in the spec', () => {
  it('documents examples to check', () => {
    expect(cases.length).toBeGreaterThan(20);
  });

  it.each(cases)('%s passes the contract checks', (_name, method, status, mediaType, specPath, value, response) => {
    const problems = checker.problems({
      method,
      path: concretePath(specPath),
      status,
      headers: { 'content-type': mediaType, ...headersFor(response) },
      body: value,
    });
    expect(problems).toEqual([]);
  });
});

describe('the abridged quickstart examples', () => {
  it('fail the checks, because the server must return every required field', () => {
    const validate = resolve<Response>(
      (spec.paths?.['/api/v1/keys/validate']?.post as { responses: Record<string, unknown> }).responses['200'],
    );
    const abridged = validate.content?.['application/json']?.examples?.quickstart;
    expect(abridged?.['x-abridged']).toBe(true);
    const problems = checker.problems({
      method: 'POST',
      path: '/api/v1/keys/validate',
      status: 200,
      headers: { 'content-type': 'application/json', ...headersFor(validate) },
      body: abridged?.value,
    });
    expect(problems.sort()).toEqual(
      ['balance', 'has_sufficient_balance', 'monthly_prediction_limit', 'organization_id'].map((field) => `body must have required property '${field}'`),
    );
  });
});
