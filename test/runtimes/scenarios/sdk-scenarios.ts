// The SDK scenarios every runtime of the matrix runs, against a local server with test controls.
// Plain Web APIs only (fetch, AbortController, performance): the same module runs in Node,
// Bun, Deno, a workerd Worker and Chromium. Results carry codes and counts, never a secret.
import type * as Sdk from '@hokusai/auth';

/** What a runtime needs to run the scenarios: the package as it imported it, and the server. */
export interface ScenarioTarget {
  sdk: typeof Sdk;
  baseUrl: string;
  adminToken: string;
}

/** One scenario's outcome; `detail` says what differed (no key, no token). */
export interface ScenarioResult {
  ok: boolean;
  detail?: string;
}

/** Scenario names, in the order of the results table. */
export const SDK_SCENARIOS = [
  'create',
  'validate: valid',
  'validate: invalid_key',
  'validate: revoked',
  'validate: expired',
  'validate: service_mismatch',
  'validate: insufficient_scope',
  'validate: ip_not_allowed',
  'validate: rate_limited',
  'rotate',
  'revoke',
  'typed 404',
  'retried 503 with Retry-After',
  'aborted call',
  'secret redaction in the error',
] as const;

export type SdkScenario = (typeof SDK_SCENARIOS)[number];

const MISSING_ID = '00000000-0000-4000-8000-000000000000';
const UNKNOWN_KEY = `hk_test_${'Q'.repeat(32)}`;

/**
 * Runs every scenario, each on its own keys, and returns their outcomes by name.
 *
 * @example
 * const results = await runSdkScenarios({ sdk: await import('@hokusai/auth'), baseUrl, adminToken });
 */
export async function runSdkScenarios(target: ScenarioTarget): Promise<Record<SdkScenario, ScenarioResult>> {
  const { sdk, baseUrl, adminToken } = target;
  const auth = new sdk.HokusaiAuth({ baseUrl, adminToken, maxRetries: 0 });
  const controls = testControls(baseUrl, adminToken);
  const newKey = (fields: Partial<Sdk.CreateApiKeyParams> = {}) =>
    auth.keys.create({ name: 'runtime matrix', service_id: 'prediction', scopes: ['predict'], environment: 'test', ...fields });
  const refusal = async (apiKey: string, params: Sdk.ValidateParams, code: string) => {
    const result = await auth.validate(apiKey, params);
    expect(result.is_valid === false && result.error_code === code, `expected ${code}, got ${describeResult(result)}`);
  };

  const steps: Record<SdkScenario, () => Promise<void>> = {
    create: async () => {
      const { api_key, key_info } = await newKey();
      const parsed = sdk.parseApiKey(api_key);
      expect(parsed.ok && parsed.environment === 'test', 'the new key does not parse as a test key');
      expect(key_info.is_active && key_info.key_prefix === sdk.maskApiKey(api_key), 'key_info does not describe the new key');
    },
    'validate: valid': async () => {
      const { api_key, key_info } = await newKey();
      const result = await auth.validate(api_key, { service_id: 'prediction', required_scope: 'predict' });
      expect(result.is_valid && result.key_id === key_info.key_id, `expected a valid key, got ${describeResult(result)}`);
    },
    'validate: invalid_key': () => refusal(UNKNOWN_KEY, {}, 'invalid_key'),
    'validate: revoked': async () => {
      const { api_key, key_info } = await newKey();
      await auth.keys.revoke(key_info.key_id);
      await refusal(api_key, {}, 'revoked');
    },
    'validate: expired': async () => {
      const { api_key } = await controls.seedKey({ name: 'expired', service_id: 'prediction', expires_at: '2020-01-01T00:00:00Z' });
      await refusal(api_key, {}, 'expired');
    },
    'validate: service_mismatch': async () => refusal((await newKey()).api_key, { service_id: 'platform' }, 'service_mismatch'),
    'validate: insufficient_scope': async () => refusal((await newKey()).api_key, { required_scope: 'admin' }, 'insufficient_scope'),
    'validate: ip_not_allowed': async () => {
      const { api_key } = await newKey({ allowed_ips: ['10.0.0.0/8'] });
      await refusal(api_key, { client_ip: '192.168.1.7' }, 'ip_not_allowed');
    },
    'validate: rate_limited': async () => {
      const { api_key } = await newKey({ rate_limit_per_hour: 10 });
      for (let i = 0; i < 10; i += 1) {
        const result = await auth.validate(api_key);
        expect(result.is_valid, `validation ${i + 1} of 10 was refused: ${describeResult(result)}`);
      }
      await refusal(api_key, {}, 'rate_limited');
    },
    rotate: async () => {
      const old = await newKey();
      const rotated = await auth.keys.rotate(old.key_info.key_id);
      expect(rotated.api_key !== old.api_key, 'rotation returned the same key');
      const fresh = await auth.validate(rotated.api_key, { service_id: 'prediction' });
      expect(fresh.is_valid && fresh.key_id === rotated.key_info.key_id, `the rotated key: ${describeResult(fresh)}`);
      await refusal(old.api_key, {}, 'revoked');
    },
    revoke: async () => {
      const { key_info } = await newKey();
      await auth.keys.revoke(key_info.key_id);
      const after = await auth.keys.get(key_info.key_id);
      expect(after.is_active === false, 'the revoked key is still active');
    },
    'typed 404': async () => {
      const error = await rejection(auth.keys.get(MISSING_ID));
      expect(error instanceof sdk.NotFoundError && error instanceof sdk.HokusaiAuthError, `expected NotFoundError, got ${describeError(error)}`);
      expect((error as Sdk.NotFoundError).status === 404, 'the error has no status 404');
    },
    'retried 503 with Retry-After': async () => {
      const { key_info } = await newKey();
      await controls.failNext({ method: 'GET', path: `/api/v1/keys/${key_info.key_id}`, status: 503, retry_after: 1 });
      const retrying = new sdk.HokusaiAuth({ baseUrl, adminToken, maxRetries: 2 });
      const started = performance.now();
      const key = await retrying.keys.get(key_info.key_id);
      const waited = performance.now() - started;
      expect(key.key_id === key_info.key_id, 'the retried call returned another key');
      expect(waited >= 900, `the retry came after ${Math.round(waited)} ms, not after Retry-After: 1`);
      expect((await controls.pendingFailures()) === 0, 'the injected 503 was not used');
    },
    'aborted call': async () => {
      const { key_info } = await newKey();
      // A 503 asking to come back in 30 s: the client is waiting to retry when the caller aborts.
      await controls.failNext({ method: 'GET', path: `/api/v1/keys/${key_info.key_id}`, status: 503, retry_after: 30 });
      const retrying = new sdk.HokusaiAuth({ baseUrl, adminToken, maxRetries: 2, maxRetryDelayMs: 60_000 });
      const controller = new AbortController();
      const started = performance.now();
      setTimeout(() => controller.abort(), 200);
      const error = await rejection(retrying.keys.get(key_info.key_id, { signal: controller.signal }));
      const waited = performance.now() - started;
      await controls.clearFailures();
      expect(error instanceof sdk.APIUserAbortError, `expected APIUserAbortError, got ${describeError(error)}`);
      expect(waited < 5_000, `the abort took ${Math.round(waited)} ms to end the call`);
    },
    'secret redaction in the error': async () => {
      const { api_key } = await newKey();
      await controls.failNext({ method: 'POST', path: '/api/v1/keys/validate', status: 500 });
      const error = await rejection(auth.validate(api_key));
      expect(error instanceof sdk.InternalServerError, `expected InternalServerError, got ${describeError(error)}`);
      const shown = [String(error), (error as Error).message, (error as Error).stack ?? '', JSON.stringify(error)].join('\n');
      expect(!shown.includes(api_key), 'the error shows the API key');
      expect(!shown.includes(adminToken), 'the error shows the admin token');
    },
  };

  const results = {} as Record<SdkScenario, ScenarioResult>;
  for (const name of SDK_SCENARIOS) {
    try {
      await steps[name]();
      results[name] = { ok: true };
    } catch (error) {
      results[name] = { ok: false, detail: error instanceof ScenarioFailure ? error.message : describeError(error) };
    }
  }
  return results;
}

class ScenarioFailure extends Error {}

function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ScenarioFailure(message);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new ScenarioFailure('the call succeeded');
}

function describeResult(result: Sdk.ValidationResult): string {
  return result.is_valid ? 'is_valid: true' : `is_valid: false (${result.error_code})`;
}

/** An unexpected error, by class, status and message (the SDK's messages are already redacted). */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return `a thrown ${typeof error}`;
  const status = (error as { status?: unknown }).status;
  return `${error.name}${typeof status === 'number' ? ` ${status}` : ''}: ${error.message}`;
}

/** The server's test controls (/__hokusai/*), called with plain fetch. */
function testControls(baseUrl: string, adminToken: string) {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}/__hokusai${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new ScenarioFailure(`test control ${method} ${path} answered ${response.status}`);
    return response.json() as Promise<Record<string, unknown>>;
  };
  return {
    seedKey: async (fields: Record<string, unknown>) => (await call('POST', '/keys', fields)) as { api_key: string },
    failNext: (rule: Record<string, unknown>) => call('POST', '/failures', rule),
    clearFailures: () => call('DELETE', '/failures'),
    pendingFailures: async () => ((await call('GET', '/failures')).failures as unknown[]).length,
  };
}
