// The values tests compare with or store, written once: validation answers and stored keys.
import { toKeyInfo } from '../../src/server/engine/key-info';
import { VALIDATION_ERRORS } from '../../src/server/engine/validate';
import type { ApiKeyInfo, NewStoredKey, ValidationErrorCode, ValidationFailure, ValidationSuccess } from '../../src/server';
import { storedKey } from './stored-key';

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

export { storedKey } from './stored-key';

/**
 * The public view (`ApiKeyInfo`, as the API sends it) of a `storedKey` with these overrides.
 *
 * @example
 * expect(await auth.keys.get(KEY_ID)).toEqual(keyInfo({ key_id: KEY_ID }));
 */
export function keyInfo(overrides: Partial<NewStoredKey> = {}): ApiKeyInfo {
  return toKeyInfo({ seq: 0, ...storedKey(overrides) });
}
