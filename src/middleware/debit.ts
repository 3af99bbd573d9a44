// The opt-in per-request debit of a key guard: what Hokusai's own services do before serving a
// request (the data pipeline's API-key middleware), answering 402 when the owner's settled
// balance cannot pay.
import type { HokusaiAuth } from '../client/hokusai-auth';
import { rejection } from './answers';
import type { GuardRejection, GuardRequest, HokusaiKey, MaybePromise } from './types';

/**
 * Settings of the per-request debit (`createKeyGuard({ debit })`).
 *
 * @example
 * const debit: DebitOptions = { predictionsCount: 1 };
 */
export interface DebitOptions {
  /** Predictions each accepted request pays for (USD 0.001 each). Default 1. */
  predictionsCount?: number;
}

type BeforeAccept = (key: HokusaiKey, request: GuardRequest) => MaybePromise<GuardRejection | undefined | void>;

const MODEL_IN_PATH = /\/api\/v1\/models\/([^/]+)/;

/**
 * The guard's `beforeAccept` with the debit after the caller's own hook (a request that hook
 * refuses is not charged). A refused debit answers 402 with the auth service's reason; when the
 * auth service cannot be reached the request goes through and `onError` is told, as the
 * pipeline's middleware does.
 */
export function withDebit(
  auth: HokusaiAuth,
  service_id: string,
  debit: boolean | DebitOptions | undefined,
  beforeAccept: BeforeAccept | undefined,
  now: () => number,
  onError: (error: unknown) => void,
): BeforeAccept | undefined {
  if (!debit) return beforeAccept;
  const predictions_count = (debit === true ? undefined : debit.predictionsCount) ?? 1;
  let sequence = 0;
  return async (key, request) => {
    const refusal = await beforeAccept?.(key, request);
    if (refusal) return refusal;
    const endpoint = request.path ?? '/';
    try {
      const answer = await auth.usage.debit(key.key_id, {
        model_id: MODEL_IN_PATH.exec(endpoint)?.[1] ?? null,
        endpoint,
        response_time_ms: 0,
        status_code: 0,
        service_id,
        // Unique per request, so two requests in one millisecond are two debits.
        idempotency_key: `${key.key_id}-${now()}-${sequence++}`,
        compute_ms: 0,
        predictions_count,
      });
      return answer.accepted ? undefined : rejection(402, answer.message, answer.error);
    } catch (error) {
      onError(error);
      return undefined;
    }
  };
}
