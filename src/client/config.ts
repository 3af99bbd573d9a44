import { ConfigurationError } from './errors/configuration-error';

/**
 * The fetch the client calls: the standard one, or any function with the same shape. The second
 * argument carries the attempt's abort signal (timeout or the caller's `signal`); a fetch that
 * ignores it still has its attempt ended on time, only the work behind it goes on. Wrap a handler
 * whose second parameter means something else (a Hono app's `env`), as below.
 *
 * @example
 * // Answer every call from the in-process stub server, no port needed.
 * const app = createApp({ adminToken: 'dev-admin-token' });
 * const fetchLike: FetchLike = (request) => app.fetch(request);
 * const auth = new HokusaiAuth({ baseUrl: 'http://stub.local', adminToken: 'dev-admin-token', fetch: fetchLike });
 */
export type FetchLike = (request: Request, init?: { signal?: AbortSignal }) => Promise<Response>;

/**
 * Settings of a `HokusaiAuth` client. Every field is optional.
 *
 * @example
 * const auth = new HokusaiAuth({
 *   baseUrl: 'http://localhost:8787',
 *   adminToken: process.env.HOKUSAI_ADMIN_TOKEN,
 *   timeoutMs: 10_000,
 *   maxRetries: 3,
 * });
 */
export interface HokusaiAuthOptions {
  /** Root URL of the auth service. Default: `HOKUSAI_AUTH_URL`, else `https://auth.hokus.ai`. */
  baseUrl?: string;
  /** Admin token for key management and usage reports. Default: `HOKUSAI_ADMIN_TOKEN`. */
  adminToken?: string;
  /** A custom fetch (a test double, a proxy-aware fetch, the stub server's handler). Default: global `fetch`. */
  fetch?: FetchLike;
  /** Limit for each attempt, in ms (the call may take longer across retries). Default: 30 000; `Infinity` for none. */
  timeoutMs?: number;
  /** Retries after the first attempt. Default: 2. `0` turns retrying off. */
  maxRetries?: number;
  /** Longest wait between attempts, in ms; a `Retry-After` above it is not waited for. Default: 60 000. */
  maxRetryDelayMs?: number;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
}

/** The settings a client runs with, defaults filled in and checked. */
export interface ResolvedConfig {
  baseUrl: string;
  adminToken: string | undefined;
  fetch: FetchLike;
  timeoutMs: number;
  maxRetries: number;
  maxRetryDelayMs: number;
  headers: Record<string, string>;
}

/** The production service (the spec's first server; test/contract/spec-constants.test.ts holds the two equal). */
export const DEFAULT_BASE_URL = 'https://auth.hokus.ai';
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 2;
export const DEFAULT_MAX_RETRY_DELAY_MS = 60_000;

// Resolved at call time, so a fetch patched later (msw, test doubles) is still used.
const globalFetch: FetchLike = (request, init) => globalThis.fetch(request, init);

/** Fills in defaults (from the environment where `process.env` exists) and checks every value. */
export function resolveConfig(options: HokusaiAuthOptions): ResolvedConfig {
  const baseUrl = options.baseUrl ?? readEnv('HOKUSAI_AUTH_URL') ?? DEFAULT_BASE_URL;
  checkBaseUrl(baseUrl);
  const adminToken = options.adminToken ?? readEnv('HOKUSAI_ADMIN_TOKEN');
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    adminToken: adminToken || undefined,
    fetch: options.fetch ?? globalFetch,
    timeoutMs: checkNumber('timeoutMs', options.timeoutMs, 1) ?? DEFAULT_TIMEOUT_MS,
    maxRetries: checkNumber('maxRetries', options.maxRetries) ?? DEFAULT_MAX_RETRIES,
    maxRetryDelayMs: checkNumber('maxRetryDelayMs', options.maxRetryDelayMs) ?? DEFAULT_MAX_RETRY_DELAY_MS,
    headers: { ...options.headers },
  };
}

/** A number option: `undefined` (use the default) or a number >= `min`; `maxRetries` must be whole. */
export function checkNumber(field: string, value: number | undefined, min = 0): number | undefined {
  const whole = field === 'maxRetries';
  if (value !== undefined && !(typeof value === 'number' && value >= min && (!whole || Number.isInteger(value)))) {
    throw new ConfigurationError(`${field} must be a ${whole ? 'whole ' : ''}number >= ${min}`);
  }
  return value;
}

function checkBaseUrl(baseUrl: string): void {
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {
    // reported below
  }
  // Credentials in the URL would end up in error messages; the admin token has its own option.
  if (!/^https?:$/.test(url?.protocol ?? '') || url?.username || url?.password) {
    throw new ConfigurationError('baseUrl must be an absolute http(s) URL without credentials, e.g. https://auth.hokus.ai');
  }
}

function readEnv(name: string): string | undefined {
  // Browsers have no `process`; bundlers may define a partial one; Deno without --allow-env throws.
  try {
    return globalThis.process?.env?.[name]?.trim() || undefined;
  } catch {
    return undefined;
  }
}
