import type { DebitEntry } from '../store/balance-types';
import type { EngineContext } from './context';
import { accountOf, ownerOf } from './balance';
import { invalidInput } from './errors';
import type { FieldError } from './errors';
import { requireKey } from './keys';
import { formatUsd, PRICE_PER_PREDICTION_MICROS, usdFromMicros } from './pricing';
import type { DebitAccepted, DebitRejected, DebitUsageInput } from './types';
import { VALIDATION_ERRORS } from './validate';

/** Most predictions one debit may pay for (as in the spec). */
const MAX_PREDICTIONS_PER_DEBIT = 1_000_000;
const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

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
export function debitUsage(ctx: EngineContext, keyId: string, input: DebitUsageInput): DebitOutcome {
  const key = requireKey(ctx, keyId);
  const body = checkDebitInput(input);
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

type CheckedDebit = Required<Omit<DebitUsageInput, 'model_id'>>;

/**
 * The HTTP layer checks the body against the spec's schema; this guards callers of the engine
 * itself on what money and replay depend on, and applies the defaults.
 */
function checkDebitInput(input: DebitUsageInput): CheckedDebit {
  const errors: FieldError[] = [];
  const body = (typeof input === 'object' && input !== null ? input : {}) as DebitUsageInput;
  const text = (name: 'endpoint' | 'service_id' | 'idempotency_key', max: number) => {
    const value = body[name];
    if (typeof value === 'string' && value.length >= 1 && value.length <= max) return value;
    errors.push({ field: name, message: `Must be a string of 1 to ${max} characters` });
    return '';
  };
  const count = (name: 'response_time_ms' | 'status_code' | 'compute_ms' | 'predictions_count', fallback: number, max: number) => {
    const value = body[name] ?? fallback;
    if (Number.isSafeInteger(value) && value >= 0 && value <= max) return value;
    errors.push({ field: name, message: `Must be an integer between 0 and ${max}` });
    return fallback;
  };
  const checked: CheckedDebit = {
    endpoint: text('endpoint', 2000),
    service_id: text('service_id', 200),
    idempotency_key: text('idempotency_key', MAX_IDEMPOTENCY_KEY_LENGTH),
    response_time_ms: count('response_time_ms', 0, Number.MAX_SAFE_INTEGER),
    status_code: count('status_code', 0, 599),
    compute_ms: count('compute_ms', 0, Number.MAX_SAFE_INTEGER),
    predictions_count: count('predictions_count', 1, MAX_PREDICTIONS_PER_DEBIT),
  };
  if (errors.length > 0) throw invalidInput(errors);
  return checked;
}
