// The script the browser test runs in a page: the built bundle used from one origin against the
// stub server on another, exactly as a browser app in development would. It writes what page
// code could see to `window.__result` — never the API key or the admin token.

/** What the page reports back. */
export interface BrowserRunResult {
  failed?: string;
  origin: string;
  parsed: { ok: boolean; environment?: string };
  generatedEnvironment: string | undefined;
  maskedPrefix: boolean;
  bearer: ValidationSummary;
  xApiKey: ValidationSummary;
  body: ValidationSummary;
  modelCount: number;
  refused: ValidationSummary;
  rateLimited: ValidationSummary;
  echoedRequestId: string | null;
  notFound: { typed: boolean; name: string; status: number; requestId: unknown };
  revoked: ValidationSummary;
  otherOrigin: string;
  responses: SeenResponse[];
}

/** A validation answer without its key-specific ids. */
export interface ValidationSummary {
  is_valid: boolean;
  error_code?: string | null;
  service_id?: string | null;
  scopes?: string[] | null;
  sameKey?: boolean;
}

/** What page code can read of one response (a header not exposed by CORS reads as null). */
export interface SeenResponse {
  method: string;
  path: string;
  status: number;
  limit: string | null;
  remaining: string | null;
  reset: string | null;
  retryAfter: string | null;
  requestId: string | null;
}

/** Settings baked into the page script. */
export interface BrowserRunConfig {
  apiUrl: string;
  adminToken: string;
  /** A server without CORS headers: reading from it must be refused by the browser. */
  noCorsUrl: string;
  rateLimitPerHour: number;
  echoRequestId: string;
}

/**
 * The page's ES module. It imports the built bundle from `bundleUrl` (same origin as the page).
 *
 * @example
 * const js = browserRunScript('/dist/index.js', { apiUrl, adminToken, noCorsUrl, rateLimitPerHour: 10, echoRequestId: 'x' });
 */
export function browserRunScript(bundleUrl: string, config: BrowserRunConfig): string {
  return `
import { HokusaiAuth, NotFoundError, generateApiKey, maskApiKey, parseApiKey } from ${JSON.stringify(bundleUrl)};

const config = ${JSON.stringify(config)};
const responses = [];

// Every response as page code sees it: only CORS-exposed headers are readable.
async function recordingFetch(request) {
  const response = await fetch(request);
  const header = (name) => response.headers.get(name);
  responses.push({
    method: request.method,
    path: new URL(request.url).pathname,
    status: response.status,
    limit: header('X-RateLimit-Limit'),
    remaining: header('X-RateLimit-Remaining'),
    reset: header('X-RateLimit-Reset'),
    retryAfter: header('Retry-After'),
    requestId: header('X-Request-ID'),
  });
  return response;
}

function summary(result, keyId) {
  return {
    is_valid: result.is_valid,
    error_code: result.error_code ?? null,
    service_id: result.service_id,
    scopes: result.scopes,
    sameKey: result.key_id === keyId,
  };
}

async function run() {
  const auth = new HokusaiAuth({ baseUrl: config.apiUrl, adminToken: config.adminToken, maxRetries: 0, fetch: recordingFetch });
  const { api_key, key_info } = await auth.keys.create({
    name: 'Browser key', service_id: 'prediction', scopes: ['predict'], environment: 'test',
    rate_limit_per_hour: config.rateLimitPerHour,
  });
  const id = key_info.key_id;
  const parsed = parseApiKey(api_key);
  const bearer = await auth.validate(api_key, { service_id: 'prediction', required_scope: 'predict' });
  const xApiKey = await auth.validate(api_key, { service_id: 'prediction', via: 'x-api-key' });
  const body = await auth.validate(api_key, { service_id: 'prediction', via: 'body' });
  const { models } = await auth.models.list(api_key);
  const refused = await auth.validate(api_key, { required_scope: 'admin' });

  // Use up the hourly limit: the first refusal is the rate limit.
  let limited = { is_valid: true };
  for (let i = 0; i < config.rateLimitPerHour * 2 && limited.is_valid; i++) {
    limited = await auth.validate(api_key);
  }

  await auth.health({ headers: { 'X-Request-ID': config.echoRequestId } });
  const echoedRequestId = responses.at(-1).requestId;

  let notFound;
  try {
    await auth.keys.get(crypto.randomUUID());
    notFound = { typed: false, name: 'no error', status: 0, requestId: null };
  } catch (error) {
    notFound = { typed: error instanceof NotFoundError, name: error.name, status: error.status, requestId: error.requestId };
  }

  await auth.keys.revoke(id);
  const revoked = await auth.validate(api_key);

  const otherOrigin = await fetch(config.noCorsUrl).then(
    (response) => 'readable: ' + response.status,
    (error) => 'refused: ' + error.name,
  );

  return {
    origin: location.origin,
    parsed: { ok: parsed.ok, environment: parsed.environment },
    generatedEnvironment: parseApiKey(generateApiKey('development')).environment,
    maskedPrefix: key_info.key_prefix === maskApiKey(api_key),
    bearer: summary(bearer, id),
    xApiKey: summary(xApiKey, id),
    body: summary(body, id),
    modelCount: models.length,
    refused: summary(refused, id),
    rateLimited: summary(limited, id),
    echoedRequestId,
    notFound,
    revoked: summary(revoked, id),
    otherOrigin,
    responses,
  };
}

run().then(
  (result) => { window.__result = result; },
  (error) => { window.__result = { failed: String(error && error.name) + ': ' + String(error && error.message), responses }; },
);
`;
}
