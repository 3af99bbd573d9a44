// The generated `paths` types are what every typed call is checked against: a wrong field name
// or enum value in a request body must not compile.
import createClient from 'openapi-fetch';
import { describe, expectTypeOf, test } from 'vitest';
import type { components, paths } from '../../generated/schema';

type CreateBody = paths['/api/v1/keys']['post']['requestBody']['content']['application/json'];

describe('generated paths types', () => {
  test('accept the quickstart create body', () => {
    const body: CreateBody = { name: 'My First Key', service_id: 'prediction', scopes: ['predict'], environment: 'test' };
    expectTypeOf(body).toMatchTypeOf<CreateBody>();
  });

  test('reject a wrong field name', () => {
    // @ts-expect-error `service` is not a field of the create body (it is `service_id`)
    const body: CreateBody = { name: 'k', service: 'prediction' };
    expectTypeOf(body).not.toBeAny();
  });

  test('reject a wrong enum value', () => {
    // @ts-expect-error `staging` is not an environment
    const body: CreateBody = { name: 'k', service_id: 'prediction', environment: 'staging' };
    expectTypeOf(body).not.toBeAny();
    expectTypeOf<components['schemas']['ApiKeyEnvironment']>().toEqualTypeOf<'production' | 'test' | 'development'>();
  });

  test('openapi-fetch calls are checked against them', () => {
    const client = createClient<paths>({ baseUrl: 'http://127.0.0.1:8787' });
    // @ts-expect-error `platfrom` is not a service_id
    void client.POST('/api/v1/keys', { body: { name: 'k', service_id: 'platfrom' } });
    // @ts-expect-error no such path
    void client.GET('/api/v1/key');
    expectTypeOf(client.GET).toBeFunction();
  });

  test('validation results narrow on is_valid', () => {
    type Result = components['schemas']['ValidationResult'];
    expectTypeOf<Extract<Result, { is_valid: true }>['key_id']>().toEqualTypeOf<string>();
    expectTypeOf<Extract<Result, { is_valid: false }>['error_code']>().toEqualTypeOf<components['schemas']['ValidationErrorCode']>();
  });
});
