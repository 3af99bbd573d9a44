import type { DebitEntry } from '../store/balance-types';
import type { EngineContext } from './context';
import { accountOf, ownerOf } from './balance';
import { requireKey } from './keys';
import { formatUsd, PRICE_PER_PREDICTION_MICROS, usdFromMicros } from './pricing';
import type { DebitAccepted, DebitRejected, DebitUsageInput } from './types';
import { VALIDATION_ERRORS } from './validate';

/**
 * Result of `engine.debit`: 200 with the debit, 401 for a revoked or expired key, 402 when the
 * settled balance does not cover it.
 *
 * @example
 * const outcome = engine.debit(keyId, { endpoint: '/predict', service_id: 'platform', idempotency_key: `${keyId}-${Date.now()}` });
 * if (outcome.status === 402) console.log(outcome.body.detail.message);
 */
export type DebitOutcome =
  | { status: 200; body: DebitAccepted }
  | { status: 401; body: { detail: string } }
  | { status: 402; body: DebitRejected };

/**
 * Debits `predictions_count` × the price of a prediction from the settled balance of the key's
 * owner and records the usage, in one atomic store step; a known `idempotency_key` gets the
 * first answer again. An unknown key is a 404-kind error; a revoked or expired one is refused.
 */
export function debitUsage(ctx: EngineContext, keyId: string, body: DebitUsageInput): DebitOutcome {
  const key = requireKey(ctx, keyId);
  const now = ctx.clock.now();
  if (!key.is_active) return { status: 401, body: { detail: VALIDATION_ERRORS.revoked } };
  if (key.expires_at !== null && now >= key.expires_at) return { status: 401, body: { detail: VALIDATION_ERRORS.expired } };

  accountOf(ctx, key);
  const amount = body.predictions_count * PRICE_PER_PREDICTION_MICROS;
  const result = ctx.store.debit({
    owner: ownerOf(key),
    key_id: key.key_id,
    idempotency_key: body.idempotency_key,
    amount_micros: amount,
    usage: {
      key_id: key.key_id,
      service_id: body.service_id,
      endpoint: body.endpoint,
      status_code: body.status_code,
      response_time_ms: body.response_time_ms,
      predictions_count: body.predictions_count,
      compute_ms: body.compute_ms,
      recorded_at: now,
    },
    recorded_at: now,
  });
  if (result.kind !== 'insufficient') return { status: 200, body: acceptedBody(result.entry) };
  const { settled_micros: settled, pending_micros: pending } = result.balance;
  return {
    status: 402,
    body: {
      detail: {
        error: settled + pending >= amount ? 'insufficient_settled_balance' : 'insufficient_balance',
        message: `Settled balance ${formatUsd(settled)} insufficient. Pending: ${formatUsd(pending)} (not yet spendable).`,
      },
    },
  };
}

function acceptedBody(entry: DebitEntry): DebitAccepted {
  return {
    debited: usdFromMicros(entry.debited_micros),
    balance: usdFromMicros(entry.balance_micros),
    key_id: entry.key_id,
    idempotency_key: entry.idempotency_key,
  };
}
