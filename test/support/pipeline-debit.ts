// The debit body the data pipeline's API-key middleware sends before serving a request, field
// for field (times and status 0, one prediction, `{key_id}-{epoch_ms}` as idempotency key).

/**
 * @example
 * await auth.usage.debit(keyId, pipelineDebitBody(keyId, Date.now()));
 */
export function pipelineDebitBody(keyId: string, at = 1736937000000) {
  return {
    model_id: 'hokusai-text-v1' as string | null,
    endpoint: '/api/v1/models/hokusai-text-v1/predict',
    response_time_ms: 0,
    status_code: 0,
    service_id: 'platform',
    idempotency_key: `${keyId}-${at}`,
    compute_ms: 0,
    predictions_count: 1,
  };
}
