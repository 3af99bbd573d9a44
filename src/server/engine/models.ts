import type { EngineContext } from './context';
import type { ModelInfo, ModelsOutcome } from './types';
import { validateKey } from './validate';

/**
 * The fixed catalogue the local `/v1/models` service returns.
 *
 * @example
 * LOCAL_MODELS.map((model) => model.id); // ['hokusai-tabular-v1', 'hokusai-text-v1']
 */
export const LOCAL_MODELS: readonly ModelInfo[] = Object.freeze([
  {
    id: 'hokusai-tabular-v1',
    name: 'Hokusai Tabular v1',
    description: 'Gradient-boosted model for tabular predictions.',
    owned_by: 'hokusai',
  },
  { id: 'hokusai-text-v1', name: 'Hokusai Text v1', description: 'Text classification model.', owned_by: 'hokusai' },
]);

/**
 * The local stand-in for a Hokusai service (quickstart step 3): validates the key as a
 * `prediction` key, records one usage record on success and lists the models.
 */
export async function listModels(
  ctx: EngineContext,
  input: { apiKey: string; connectionIp?: string | null },
): Promise<ModelsOutcome> {
  const started = ctx.clock.now();
  const outcome = await validateKey(ctx, {
    apiKey: input.apiKey,
    service_id: 'prediction',
    connectionIp: input.connectionIp ?? null,
  });
  if (outcome.status !== 200) {
    return {
      status: outcome.status,
      body: { detail: outcome.body.error },
      ...(outcome.rateLimit ? { rateLimit: outcome.rateLimit } : {}),
    };
  }
  const now = ctx.clock.now();
  ctx.store.insertUsage({
    key_id: outcome.body.key_id,
    service_id: 'prediction',
    endpoint: '/v1/models',
    status_code: 200,
    response_time_ms: Math.max(0, Math.round(now - started)),
    predictions_count: 0,
    compute_ms: 0,
    recorded_at: now,
  });
  return {
    status: 200,
    body: { models: LOCAL_MODELS.map((model) => ({ ...model })) },
    rateLimit: outcome.rateLimit,
  };
}
