// Per-call options a caller in the request path needs: the responses' headers (onResponse) and a
// shorter wait between attempts than the client's (maxRetryDelayMs).
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/client';
import { API_KEY, fakeClient, json, validationFailure, validationSuccess as success } from './fake-client';

describe('per-call options', () => {
  it('onResponse sees every attempt’s response, headers included', async () => {
    const { auth } = fakeClient([json({ detail: 'down' }, 503), json(success, 200, { 'X-RateLimit-Remaining': '9' })]);
    const seen: [number, string | null][] = [];
    await auth.validate(API_KEY, {}, { onResponse: (response) => seen.push([response.status, response.headers.get('x-ratelimit-remaining')]) });
    expect(seen).toEqual([
      [503, null],
      [200, '9'],
    ]);
  });

  it('maxRetryDelayMs for one call: a Retry-After above it is answered at once instead of waited for', async () => {
    const limited = json(validationFailure('rate_limited'), 429, { 'Retry-After': '5' });
    const waited = fakeClient([limited, json(success)]);
    expect(await waited.auth.validate(API_KEY)).toMatchObject({ is_valid: true });
    expect(waited.sleeps).toEqual([5_000]);

    const atOnce = fakeClient([limited, json(success)]);
    expect(await atOnce.auth.validate(API_KEY, {}, { maxRetryDelayMs: 2_000 })).toMatchObject({ is_valid: false, error_code: 'rate_limited' });
    expect(atOnce.sleeps).toEqual([]);
    expect(atOnce.requests).toHaveLength(1);
  });

  it('rejects a negative maxRetryDelayMs naming the option', async () => {
    const { auth } = fakeClient([json(success)]);
    await expect(auth.validate(API_KEY, {}, { maxRetryDelayMs: -1 })).rejects.toThrow(ConfigurationError);
    await expect(auth.validate(API_KEY, {}, { maxRetryDelayMs: -1 })).rejects.toThrow(/maxRetryDelayMs/);
  });
});
