import { describe, expectTypeOf, it } from 'vitest';
import {
  assertApiKey,
  extractApiKey,
  generateApiKey,
  isApiKey,
  parseApiKey,
  type ApiKeyEnvCode,
  type ApiKeyEnvironment,
  type ApiKeyFormatProblem,
  type ApiKeySource,
} from '../../src/keys';

describe('key helper types', () => {
  it('parseApiKey narrows on ok', () => {
    const parsed = parseApiKey('x');
    if (parsed.ok) {
      expectTypeOf(parsed.prefix).toEqualTypeOf<`hk_${ApiKeyEnvCode}_`>();
      expectTypeOf(parsed.environment).toEqualTypeOf<ApiKeyEnvironment>();
    } else {
      expectTypeOf(parsed.reason).toEqualTypeOf<ApiKeyFormatProblem>();
    }
  });

  it('isApiKey and assertApiKey narrow unknown to string', () => {
    const value: unknown = 'x';
    if (isApiKey(value)) expectTypeOf(value).toEqualTypeOf<string>();
    const other: unknown = 'y';
    assertApiKey(other);
    expectTypeOf(other).toEqualTypeOf<string>();
  });

  it('generateApiKey accepts only known environments', () => {
    expectTypeOf(generateApiKey).parameter(0).toEqualTypeOf<ApiKeyEnvironment>();
    // @ts-expect-error: 'staging' is not an environment
    generateApiKey('staging');
  });

  it('extractApiKey accepts Request, Headers and Node-style records', () => {
    expectTypeOf(extractApiKey(new Headers())).toEqualTypeOf<{ key: string; source: ApiKeySource } | undefined>();
    extractApiKey(new Request('http://localhost/'));
    extractApiKey({ 'x-api-key': 'k', 'set-cookie': ['a', 'b'], host: undefined });
  });
});
