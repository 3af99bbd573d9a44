// What a user's test suite does with the test controls, written once and run against both ways
// in: the HTTP routes of a server started with test controls, and the msw handle in-process.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  APIConnectionError,
  HokusaiAuth,
  InternalServerError,
  RateLimitError,
  type ApiKeyCreated,
  type HokusaiAuthOptions,
} from '../../src/client';
import type { FailNextOptions, PendingFailure, SeedKeyInput } from '../../src/server/test-controls';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const SEEDED_KEY = 'hk_test_SeEdEdKeyForTestControls00000001';

/** The controls as a test drives them; both ways in are asynchronous from the test's side. */
export interface ControlDriver {
  seedKey(input: SeedKeyInput): Promise<ApiKeyCreated>;
  failNext(rule: FailNextOptions): Promise<void>;
  pendingFailures(): Promise<PendingFailure[]>;
  advanceClock(ms: number): Promise<void>;
  reset(): Promise<void>;
}

/** A stub with controls, reachable through the global fetch at `baseUrl`. */
export interface ControlledStub {
  baseUrl: string;
  adminToken: string;
  controls: ControlDriver;
}

/**
 * Registers the scenarios; `stub()` is called in each test (after the file's beforeAll).
 *
 * @example
 * controlScenarios(() => stub);
 */
export function controlScenarios(stub: () => ControlledStub): void {
  const client = (options: HokusaiAuthOptions = {}) =>
    new HokusaiAuth({ baseUrl: stub().baseUrl, adminToken: stub().adminToken, ...options });
  const seed = (fields: Partial<SeedKeyInput> = {}) =>
    stub().controls.seedKey({ api_key: SEEDED_KEY, name: 'seeded', service_id: 'prediction', scopes: ['predict'], ...fields });

  beforeEach(() => stub().controls.reset());

  describe('seeding', () => {
    it('a seeded key has the chosen value and settings and validates in each of the three ways', async () => {
      const { api_key, key_info } = await seed({ rate_limit_per_hour: 50, billing_plan: 'pro' });
      expect(api_key).toBe(SEEDED_KEY);
      expect(key_info).toMatchObject({ key_prefix: 'hk_test_SeE***', environment: 'test', rate_limit_per_hour: 50, billing_plan: 'pro' });
      const auth = client();
      for (const via of ['bearer', 'x-api-key', 'body'] as const) {
        expect(await auth.validate(SEEDED_KEY, { service_id: 'prediction', via })).toMatchObject({ is_valid: true, key_id: key_info.key_id });
      }
    });
  });

  describe("a user's retry logic (HokusaiAuth's retries) against injected failures", () => {
    it('rides out two 503s with Retry-After and gets the answer on the third attempt', async () => {
      await seed();
      await stub().controls.failNext({ method: 'POST', path: '/api/v1/keys/validate', times: 2, status: 503, retry_after: 0 });
      expect(await client().validate(SEEDED_KEY)).toMatchObject({ is_valid: true });
      expect(await stub().controls.pendingFailures()).toEqual([]);
    });

    it('gives up after maxRetries with the last status as a typed error', async () => {
      await stub().controls.failNext({ path: '/health', times: 5, status: 503, retry_after: 0 });
      const error = await client({ maxRetries: 2 }).health().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InternalServerError);
      expect(error).toMatchObject({ status: 503, detail: 'Service unavailable' });
      expect((await stub().controls.pendingFailures())[0]?.remaining).toBe(2);
    });

    it('retries a create after a 503 with the same Idempotency-Key: exactly one key exists', async () => {
      await stub().controls.failNext({ method: 'POST', path: '/api/v1/keys', status: 503, retry_after: 0 });
      const auth = client();
      const { key_info } = await auth.keys.create({ name: 'retried', service_id: 'prediction' });
      expect((await auth.keys.list()).map((key) => key.key_id)).toEqual([key_info.key_id]);
      expect(await stub().controls.pendingFailures()).toEqual([]);
    });

    it('does not wait for a Retry-After longer than maxRetryDelayMs: RateLimitError carries it', async () => {
      await stub().controls.failNext({ method: 'GET', path: '/api/v1/keys', times: 2, status: 429, retry_after: 120 });
      const error = await client({ maxRetryDelayMs: 60_000 }).keys.list().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimitError);
      expect((error as RateLimitError).retryAfterMs).toBe(120_000);
      expect((await stub().controls.pendingFailures())[0]?.remaining).toBe(1);
    });

    it('retries a dropped connection; with retries off it surfaces as APIConnectionError', async () => {
      await seed();
      await stub().controls.failNext({ path: '/api/v1/keys/validate', drop: true });
      expect(await client().validate(SEEDED_KEY)).toMatchObject({ is_valid: true });

      await stub().controls.failNext({ path: '/api/v1/keys/validate', drop: true });
      await expect(client({ maxRetries: 0 }).validate(SEEDED_KEY)).rejects.toBeInstanceOf(APIConnectionError);
    });

    it('matches parameterised paths and leaves other routes alone', async () => {
      const { key_info } = await seed();
      await stub().controls.failNext({ method: 'GET', path: '/api/v1/keys/:key_id', status: 500 });
      const auth = client({ maxRetries: 0 });
      expect(await auth.health()).toEqual({ status: 'healthy' });
      await expect(auth.keys.get(key_info.key_id)).rejects.toMatchObject({ status: 500 });
      expect(await auth.keys.get(key_info.key_id)).toMatchObject({ key_id: key_info.key_id });
    });
  });

  describe('expiry handling', () => {
    it('a key seeded to expire in a day is valid until the clock passes its expiry, then "expired"', async () => {
      const { key_info } = await seed({ expires_in_days: 1 });
      expect(key_info.expires_at).not.toBeNull();
      const auth = client();
      expect(await auth.validate(SEEDED_KEY)).toMatchObject({ is_valid: true });
      await stub().controls.advanceClock(DAY_MS - 60_000);
      expect(await auth.validate(SEEDED_KEY)).toMatchObject({ is_valid: true });
      await stub().controls.advanceClock(61_000);
      expect(await auth.validate(SEEDED_KEY)).toMatchObject({ is_valid: false, error_code: 'expired', error: 'API key has expired' });
      expect(await auth.keys.list({ active_only: true })).toEqual([]);
    });

    it('a key seeded with an expiry in the past is expired at once', async () => {
      await seed({ expires_at: '2020-01-01T00:00:00Z' });
      expect(await client().validate(SEEDED_KEY)).toMatchObject({ is_valid: false, error_code: 'expired' });
    });
  });

  describe('rate-limit handling', () => {
    it('exhausts the hourly limit, gets 429 with Retry-After, and is valid again an hour later', async () => {
      await seed({ rate_limit_per_hour: 10 });
      const auth = client();
      for (let i = 0; i < 10; i++) expect(await auth.validate(SEEDED_KEY)).toMatchObject({ is_valid: true });

      // The validation answer says so…
      expect(await auth.validate(SEEDED_KEY)).toMatchObject({ is_valid: false, error_code: 'rate_limited' });
      // …on the wire it is a 429 with Retry-After…
      const raw = await fetch(`${stub().baseUrl}/api/v1/keys/validate`, { method: 'POST', headers: { 'X-API-Key': SEEDED_KEY } });
      expect(raw.status).toBe(429);
      const retryAfter = Number(raw.headers.get('Retry-After'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(3600);
      // …and a service call fails with RateLimitError telling how long to wait.
      const error = await auth.models.list(SEEDED_KEY).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimitError);
      expect((error as RateLimitError).retryAfterMs).toBe(retryAfter * 1000);

      await stub().controls.advanceClock(HOUR_MS);
      expect(await auth.validate(SEEDED_KEY)).toMatchObject({ is_valid: true });
    });
  });

  describe('reset', () => {
    it('empties the store: keys and pending failures are gone', async () => {
      await seed();
      await stub().controls.failNext({ path: '/health', status: 500 });
      await stub().controls.reset();
      expect(await stub().controls.pendingFailures()).toEqual([]);
      const auth = client({ maxRetries: 0 });
      expect(await auth.keys.list()).toEqual([]);
      expect(await auth.validate(SEEDED_KEY)).toMatchObject({ is_valid: false, error_code: 'invalid_key' });
      expect(await auth.health()).toEqual({ status: 'healthy' });
    });
  });
}
