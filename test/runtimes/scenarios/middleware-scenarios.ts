// The service middleware (`@hokusai/auth/middleware`) in front of one route, the same checks for
// every framework: no key, a valid key, a key without the scope, a revoked key.
import type * as Sdk from '@hokusai/auth';
import type { ScenarioResult, ScenarioTarget } from './sdk-scenarios';

/** Frameworks with an adapter, as the matrix names its checks. */
export const MIDDLEWARE_FRAMEWORKS = ['Hono', 'Express', 'Fastify'] as const;
export type MiddlewareFramework = (typeof MIDDLEWARE_FRAMEWORKS)[number];

/** One GET of the protected route `/v1/predict` with these headers: the status and the refusal's code. */
export type ServiceCall = (headers: Record<string, string>) => Promise<{ status: number; error_code?: string }>;

/**
 * Creates the keys (with the admin token), then calls the protected route with each.
 *
 * @example
 * const result = await checkMiddleware(target, (headers) => callHonoApp(app, headers));
 */
export async function checkMiddleware(target: ScenarioTarget, call: ServiceCall): Promise<ScenarioResult> {
  const auth = new target.sdk.HokusaiAuth({ baseUrl: target.baseUrl, adminToken: target.adminToken, maxRetries: 0 });
  const create = (scopes: string[]) =>
    auth.keys.create({ name: 'middleware check', service_id: 'prediction', scopes, environment: 'test' }) as Promise<Sdk.ApiKeyCreated>;
  const [good, readOnly, revoked] = await Promise.all([create(['predict']), create(['read']), create(['predict'])]);
  await auth.keys.revoke(revoked.key_info.key_id);
  const answers = [
    await call({}),
    await call({ authorization: `Bearer ${good.api_key}` }),
    await call({ 'x-api-key': readOnly.api_key }),
    await call({ authorization: `Bearer ${revoked.api_key}` }),
  ].map(({ status, error_code }) => (error_code ? `${status} ${error_code}` : String(status)));
  const expected = ['401 missing_key', '200', '403 insufficient_scope', '401 revoked'];
  return answers.join(', ') === expected.join(', ') ? { ok: true } : { ok: false, detail: `expected ${expected.join(', ')}; got ${answers.join(', ')}` };
}

/** What a refusal's JSON body or a success says, as a ServiceCall returns it. */
export async function answerOf(response: Response): Promise<{ status: number; error_code?: string }> {
  const body = (await response.json()) as { error_code?: string };
  return { status: response.status, ...(body.error_code ? { error_code: body.error_code } : {}) };
}
