// The values tests compare with or store, written once: validation answers and stored keys.
import { VALIDATION_ERRORS } from '../../src/server/engine/validate';
import type { NewStoredKey, ValidationErrorCode, ValidationFailure, ValidationSuccess } from '../../src/server';

/**
 * The 200 validation body of a key made with the quickstart's settings (admin, prediction,
 * `['predict']`, default limits and plan); `overrides` for anything else.
 *
 * @example
 * expect(await res.json()).toEqual(validationSuccess(key_info.key_id));
 */
export function validationSuccess(key_id: string, overrides: Partial<ValidationSuccess> = {}): ValidationSuccess {
  return {
    is_valid: true,
    key_id,
    user_id: 'admin',
    service_id: 'prediction',
    scopes: ['predict'],
    rate_limit_per_hour: 1000,
    billing_plan: 'free',
    monthly_prediction_limit: null,
    // A new owner's free-plan credit.
    has_sufficient_balance: true,
    balance: 1,
    organization_id: null,
    ...overrides,
  };
}

/**
 * The 401/429 validation body of a failed check: every key field null, the check's text and code.
 *
 * @example
 * expect(await res.json()).toEqual(validationFailure('expired'));
 */
export function validationFailure(error_code: ValidationErrorCode): ValidationFailure {
  return {
    is_valid: false,
    key_id: null,
    user_id: null,
    service_id: null,
    scopes: null,
    rate_limit_per_hour: null,
    billing_plan: null,
    monthly_prediction_limit: null,
    error: VALIDATION_ERRORS[error_code],
    error_code,
  };
}

let counter = 0;

/**
 * A key record for a store, unique on every call (id and hash).
 *
 * @example
 * store.insertKey(storedKey({ service_id: 'platform' }));
 */
export function storedKey(overrides: Partial<NewStoredKey> = {}): NewStoredKey {
  counter += 1;
  const id = counter.toString(16).padStart(12, '0');
  return {
    key_id: `00000000-0000-4000-8000-${id}`,
    key_hash: `hash-${id}`,
    name: `key ${counter}`,
    key_prefix: 'hk_test_AbC***',
    user_id: 'admin',
    service_id: 'prediction',
    scopes: ['predict'],
    environment: 'test',
    is_active: true,
    rate_limit_per_hour: 1000,
    monthly_prediction_limit: null,
    allowed_ips: null,
    billing_plan: 'free',
    created_at: Date.UTC(2025, 0, 15),
    expires_at: null,
    last_used_at: null,
    ...overrides,
  };
}
