import createClient from 'openapi-fetch';
import type { paths } from '../../generated/schema';
import { resolveConfig, type HokusaiAuthOptions } from './config';
import type { ClientInternals } from './internals';
import type { RequestOptions } from './request-options';
import { keysResource, type KeysResource } from './resources/keys';
import { modelsResource, type ModelsResource } from './resources/models';
import { requireId } from './resources/require-id';
import { usageResource, type UsageResource } from './resources/usage';
import type { ApiClient } from './resources/api-client';
import { Transport } from './transport';
import type {
  HealthStatus,
  ReadinessStatus,
  ValidateParams,
  ValidationResult,
} from './types';

/**
 * Typed client of the Hokusai auth API: key management, validation, usage and billing, health.
 * Calls are retried with backoff where that is safe, time out per attempt, and fail with typed
 * errors that never contain the API key or the admin token.
 *
 * @example
 * import { HokusaiAuth } from '@hokusai/auth';
 *
 * const auth = new HokusaiAuth({ adminToken: process.env.HOKUSAI_ADMIN_TOKEN });
 * const { api_key } = await auth.keys.create({ name: 'My First Key', service_id: 'prediction', scopes: ['predict'], environment: 'test' });
 * const result = await auth.validate(api_key, { service_id: 'prediction' });
 * if (result.is_valid) console.log(result.scopes); // ['predict']
 */
export class HokusaiAuth {
  /** Key management (admin token): create, list, get, rotate, revoke. */
  declare readonly keys: KeysResource;
  /** Usage recording (no admin token) and reports (admin token): stats, billing, aggregate. */
  declare readonly usage: UsageResource;
  /** A Hokusai service called with an API key (`GET /v1/models`). */
  declare readonly models: ModelsResource;
  /** The root URL this client calls. */
  declare readonly baseUrl: string;

  readonly #api: ApiClient;
  readonly #transport: Transport;

  /**
   * @param options Every field is optional: `baseUrl` defaults to `HOKUSAI_AUTH_URL` or
   * `https://auth.hokus.ai`, `adminToken` to `HOKUSAI_ADMIN_TOKEN` (where `process.env` exists).
   * @param internals Test seams (clock, sleep, random source, idempotency keys); leave out in production.
   * @throws ConfigurationError for an unusable setting (e.g. a `baseUrl` that is not http(s)).
   *
   * @example
   * const local = new HokusaiAuth({ baseUrl: 'http://localhost:8787', adminToken: 'dev-admin-token', maxRetries: 0 });
   */
  constructor(options: HokusaiAuthOptions = {}, internals: ClientInternals = {}) {
    const config = resolveConfig(options);
    this.baseUrl = config.baseUrl;
    this.#transport = new Transport(config, internals);
    this.#api = createClient<paths>({ baseUrl: config.baseUrl });
    this.keys = keysResource(this.#api, this.#transport);
    this.usage = usageResource(this.#api, this.#transport);
    this.models = modelsResource(this.#api, this.#transport);
  }

  /**
   * Asks the server whether `apiKey` may be used, optionally for a service, a scope and a client
   * IP. Returns the answer either way — `is_valid: true` with the key's details, or
   * `is_valid: false` with `error` and `error_code` (also for a rate-limited key, `rate_limited`).
   * It throws only when there is no answer (bad request, network, timeout, 5xx).
   *
   * The key goes in `Authorization: Bearer` unless `via` says `'x-api-key'` or `'body'`.
   * No admin token is needed or sent. Validation has no side effects beyond `last_used_at` and the
   * rate-limit count, so it is retried on network errors, timeouts, 429 (when `Retry-After` fits
   * `maxRetryDelayMs`) and 5xx although it is a POST.
   *
   * @example
   * const result = await auth.validate(apiKey, { service_id: 'prediction', required_scope: 'predict' });
   * if (!result.is_valid) {
   *   console.warn(result.error_code); // 'invalid_key' | 'revoked' | 'expired' | ... | 'rate_limited'
   * }
   */
  async validate(apiKey: string, params?: ValidateParams, options?: RequestOptions): Promise<ValidationResult> {
    requireId(apiKey, 'apiKey');
    const { via = 'bearer', ...checks } = params ?? {};
    const headers: Record<string, string> | undefined =
      via === 'bearer' ? { Authorization: `Bearer ${apiKey}` } : via === 'x-api-key' ? { 'X-API-Key': apiKey } : undefined;
    const body = via === 'body' ? { ...checks, api_key: apiKey } : checks;
    return this.#transport.data(
      { name: 'validate', method: 'POST', safe: true, apiKey, headers, isAnswer: isValidationFailure },
      options,
      (init) => this.#api.POST('/api/v1/keys/validate', { ...init, body }),
    ) as Promise<ValidationResult>;
  }

  /**
   * Liveness of the auth service (`GET /health`).
   *
   * @example
   * const { status } = await auth.health(); // 'healthy'
   */
  async health(options?: RequestOptions): Promise<HealthStatus> {
    return this.#transport.data({ name: 'health', method: 'GET' }, options, (init) => this.#api.GET('/health', init));
  }

  /**
   * Readiness (`GET /ready`). Returns the body for 200 *and* for 503 — "not ready" is an answer,
   * so check `status` rather than catching. A 503 is not retried (a readiness probe wants the
   * state now); network errors are.
   *
   * @example
   * const { status, checks } = await auth.ready();
   * if (status !== 'ready') console.warn('database ok?', checks.database);
   */
  async ready(options?: RequestOptions): Promise<ReadinessStatus> {
    return this.#transport.data(
      { name: 'ready', method: 'GET', isAnswer: isReadinessBody },
      options,
      (init) => this.#api.GET('/ready', init),
    ) as Promise<ReadinessStatus>;
  }
}

/** validate's 401/429 body: a refused key is an answer; anything else (e.g. a proxy's 401) an error. */
const isValidationFailure = (_status: number, body: unknown) => (body as ValidationResult | undefined)?.is_valid === false;

/** ready's 503 body: "not ready" is an answer; a proxy's 503 page is an error. */
const isReadinessBody = (status: number, body: unknown) =>
  status === 503 && typeof (body as ReadinessStatus | undefined)?.status === 'string';
