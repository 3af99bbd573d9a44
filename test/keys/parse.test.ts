import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { API_KEY_ENV_CODES, API_KEY_SECRET_LENGTH, parseApiKey, type ApiKeyParseFailure } from '../../src/keys';
import { ENVIRONMENT_OF_CODE, alnumString, envCode, nonAlnumChar, validKey } from './arbitraries';

const EXAMPLE = 'hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456';
const EXAMPLE_SECRET = 'AbCdEfGhIjKlMnOpQrStUvWxYz123456';

function failure(value: unknown): ApiKeyParseFailure {
  const result = parseApiKey(value);
  if (result.ok) throw new Error('expected a parse failure');
  return result;
}

/** Asserts the failure reason and that the message gives nothing of the value away. */
function expectRejected(value: string, reason: ApiKeyParseFailure['reason'], ...secrets: string[]) {
  const result = failure(value);
  expect(result.reason).toBe(reason);
  expect(result.message).not.toContain(value);
  for (const part of secrets) if (part.length >= 8) expect(result.message).not.toContain(part);
  return result;
}

describe('parseApiKey: well-formed keys', () => {
  it('parses the documented example into its parts', () => {
    expect(parseApiKey(EXAMPLE)).toEqual({
      ok: true,
      envCode: 'test',
      environment: 'test',
      prefix: 'hk_test_',
      secret: EXAMPLE_SECRET,
    });
  });

  it('maps each environment code to its environment', () => {
    expect(API_KEY_ENV_CODES).toEqual({ live: 'production', test: 'test', dev: 'development' });
    expect(API_KEY_SECRET_LENGTH).toBe(32);
    for (const [code, environment] of Object.entries(API_KEY_ENV_CODES)) {
      expect(parseApiKey(`hk_${code}_${EXAMPLE_SECRET}`)).toMatchObject({ ok: true, envCode: code, environment });
    }
  });

  it('accepts every hk_{env}_ + 32 alphanumeric characters', () => {
    fc.assert(
      fc.property(validKey, ({ envCode, secret, key }) => {
        expect(parseApiKey(key)).toEqual({
          ok: true,
          envCode,
          environment: ENVIRONMENT_OF_CODE[envCode],
          prefix: `hk_${envCode}_`,
          secret,
        });
      }),
    );
  });
});

describe('parseApiKey: each broken rule is named (property tests)', () => {
  it('a secret character replaced by a non-alphanumeric one -> bad_characters', () => {
    fc.assert(
      fc.property(validKey, fc.nat(31), nonAlnumChar, ({ envCode, secret, key }, index, char) => {
        const mutated = `hk_${envCode}_${secret.slice(0, index)}${char}${secret.slice(index + 1)}`;
        const result = expectRejected(mutated, 'bad_characters', secret, key);
        expect(result.message).toContain(`position ${`hk_${envCode}_`.length + index + 1} of the key`);
      }),
    );
  });

  it('characters dropped from the secret -> wrong_length with the actual count', () => {
    fc.assert(
      fc.property(validKey, fc.integer({ min: 1, max: 32 }), fc.nat(31), ({ envCode, secret, key }, dropCount, at) => {
        const start = Math.min(at, 32 - dropCount);
        const shorter = secret.slice(0, start) + secret.slice(start + dropCount);
        const result = expectRejected(`hk_${envCode}_${shorter}`, 'wrong_length', secret, key);
        expect(result.message).toBe(`API key secret must be exactly 32 characters (got ${32 - dropCount})`);
      }),
    );
  });

  it('alphanumeric characters added to the secret -> wrong_length with the actual count', () => {
    fc.assert(
      fc.property(validKey, alnumString(1, 40), fc.nat(32), ({ envCode, secret, key }, extra, at) => {
        const longer = secret.slice(0, at) + extra + secret.slice(at);
        const result = expectRejected(`hk_${envCode}_${longer}`, 'wrong_length', secret, key);
        expect(result.message).toBe(`API key secret must be exactly 32 characters (got ${32 + extra.length})`);
      }),
    );
  });

  it('an environment code other than live/test/dev -> unknown_environment', () => {
    const otherCode = fc
      .string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.'), minLength: 1, maxLength: 12 })
      .filter((code) => !Object.hasOwn(API_KEY_ENV_CODES, code));
    fc.assert(
      fc.property(validKey, otherCode, ({ secret, key }, code) => {
        expectRejected(`hk_${code}_${secret}`, 'unknown_environment', secret, key);
      }),
    );
    expectRejected(`hk_prod_${EXAMPLE_SECRET}`, 'unknown_environment', EXAMPLE_SECRET);
  });

  it('the environment segment removed -> missing_environment', () => {
    fc.assert(
      fc.property(validKey, fc.constantFrom('hk_', 'hk__'), ({ secret, key }, start) => {
        expectRejected(`${start}${secret}`, 'missing_environment', secret, key);
      }),
    );
    const result = expectRejected(`hk_${EXAMPLE_SECRET}`, 'missing_environment', EXAMPLE_SECRET);
    expect(result.message).toContain('hk_live_, hk_test_ or hk_dev_');
  });

  it('the hk_ prefix removed or changed -> missing_prefix', () => {
    const notHk = fc.string({ maxLength: 6 }).filter((start) => !`${start}x`.startsWith('hk_'));
    fc.assert(
      fc.property(validKey, notHk, ({ envCode, secret, key }, start) => {
        expectRejected(`${start}${envCode}_${secret}`, 'missing_prefix', secret, key);
        expectRejected(`${start}${secret}`, 'missing_prefix', secret, key);
      }),
    );
  });
});

describe('parseApiKey: precedence of reasons (first broken rule wins)', () => {
  it('not_a_string before everything, naming the type', () => {
    expect(failure(undefined)).toMatchObject({ reason: 'not_a_string', message: 'API key must be a string (got undefined)' });
    expect(failure(null).message).toContain('got null');
    expect(failure(42).message).toContain('got number');
    expect(failure([EXAMPLE]).message).toContain('got an array');
    expect(failure({ key: EXAMPLE }).reason).toBe('not_a_string');
  });

  it('missing_prefix before environment, characters and length', () => {
    expect(failure('').reason).toBe('missing_prefix');
    expect(failure(`prod_${EXAMPLE_SECRET}!!`).reason).toBe('missing_prefix');
  });

  it('missing_environment and unknown_environment before characters and length', () => {
    expect(failure('hk_short!').reason).toBe('missing_environment');
    expect(failure('hk_prod_short!').reason).toBe('unknown_environment');
  });

  it('bad_characters before wrong_length, because it points at the cause', () => {
    fc.assert(
      fc.property(envCode, alnumString(0, 60), fc.nat(60), nonAlnumChar, (code, body, at, char) => {
        const secret = body.slice(0, at) + char + body.slice(at);
        expect(failure(`hk_${code}_${secret}`).reason).toBe('bad_characters');
      }),
    );
  });

  it('an environment with no secret at all is a wrong_length of 0', () => {
    expect(failure('hk_live')).toEqual({ ok: false, reason: 'wrong_length', message: 'API key secret must be exactly 32 characters (got 0)' });
    expect(failure('hk_live_').message).toContain('(got 0)');
  });
});

describe('parseApiKey: helpful messages for common mistakes', () => {
  it('a pasted key with a trailing newline is reported as a character problem with a hint', () => {
    const result = expectRejected(`${EXAMPLE}\n`, 'bad_characters', EXAMPLE_SECRET);
    expect(result.message).toBe(
      'API key secret may contain only letters A-Z, a-z and digits 0-9 (found 1 other character, the first at position 41 of the key; remove spaces and line breaks)',
    );
  });

  it('leading whitespace is called out', () => {
    expect(expectRejected(` ${EXAMPLE}`, 'missing_prefix', EXAMPLE_SECRET).message).toContain('remove leading spaces');
  });

  it('upper-case prefix and environment are called out', () => {
    expect(expectRejected(`HK_test_${EXAMPLE_SECRET}`, 'missing_prefix', EXAMPLE_SECRET).message).toContain('lowercase');
    expect(expectRejected(`hk_LIVE_${EXAMPLE_SECRET}`, 'unknown_environment', EXAMPLE_SECRET).message).toContain('lowercase');
  });

  it('counts every bad character and reports the first position', () => {
    const result = expectRejected('hk_dev_ab-cd-ef', 'bad_characters');
    expect(result.message).toContain('found 2 other characters, the first at position 10 of the key');
  });

  it('a secret with an underscore is a character problem, not an environment problem', () => {
    expectRejected(`hk_live_${EXAMPLE_SECRET.slice(0, 10)}_${EXAMPLE_SECRET.slice(11)}`, 'bad_characters', EXAMPLE_SECRET);
  });

  it('no message ever contains the value, for any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ minLength: 8 }), validKey.map(({ key }) => `${key}x`)), (value) => {
        const result = parseApiKey(value);
        if (!result.ok) expect(result.message).not.toContain(value);
      }),
    );
  });
});
