import { API_KEY_PATTERN } from '../../keys/format';
import type { StoredKey } from '../store/types';
import type { EngineContext } from './context';
import { balanceFields } from './balance';
import { clientAddress } from './client-address';
import { ipAllowed } from './ip';
import { floorToSecond } from './time';
import type { RateLimitState, ServiceId, ValidateInput, ValidateOutcome, ValidationErrorCode, ValidationFailure } from './types';

/**
 * Error texts of the public service, by error code.
 *
 * @example
 * VALIDATION_ERRORS.revoked; // 'API key is inactive or has been revoked'
 */
export const VALIDATION_ERRORS: Readonly<Record<ValidationErrorCode, string>> = {
  invalid_key: 'Invalid API key',
  revoked: 'API key is inactive or has been revoked',
  expired: 'API key has expired',
  service_mismatch: 'Key not authorized for this service',
  insufficient_scope: 'Key does not have required scope',
  ip_not_allowed: 'IP address not in allowlist',
  rate_limited: 'Rate limit exceeded',
};

/** Other names the validation endpoint accepts for a service (api.md §3). */
const SERVICE_ALIASES: Readonly<Record<string, ServiceId>> = { website: 'platform', 'ml-platform': 'platform' };

/**
 * Validates a key with the checks of api.md §3, in order; the first failure decides. A
 * success counts against the key's hourly limit and sets `last_used_at`. Cost: one hash and
 * one indexed lookup, whatever the number of keys.
 *
 * Answers synchronously when the hasher does (node:crypto, noble) and with a promise only for
 * an asynchronous one (Web Crypto): the Node server writes a synchronous answer in the same
 * turn that read the request, which saves a large share of its CPU per validation.
 */
export function validateKey(ctx: EngineContext, input: ValidateInput): ValidateOutcome | Promise<ValidateOutcome> {
  // A malformed key cannot exist in the store: answer without hashing.
  if (typeof input.apiKey !== 'string' || !API_KEY_PATTERN.test(input.apiKey)) return failure('invalid_key');
  const hashed = ctx.hash(input.apiKey);
  return typeof hashed === 'string' ? checkStoredKey(ctx, input, hashed) : hashed.then((keyHash) => checkStoredKey(ctx, input, keyHash));
}

function checkStoredKey(ctx: EngineContext, input: ValidateInput, keyHash: string): ValidateOutcome {
  const key = ctx.store.findKeyByHash(keyHash);
  if (!key) return failure('invalid_key');

  const now = ctx.clock.now();
  const failed = firstFailedCheck(key, input, now);
  if (failed) return failure(failed, ctx.limiter.state(key.key_id, key.rate_limit_per_hour, now));

  const { allowed, state } = ctx.limiter.tryConsume(key.key_id, key.rate_limit_per_hour, now);
  if (!allowed) return failure('rate_limited', state);
  // `last_used_at` is shown to the second: write only when that second changes (a busy key
  // would otherwise cost one store write per validation).
  const usedAt = floorToSecond(now);
  if (ctx.writes.current(key).last_used_at !== usedAt) ctx.writes.touch(key.key_id, usedAt);
  return {
    status: 200,
    body: {
      is_valid: true,
      key_id: key.key_id,
      user_id: key.user_id,
      service_id: key.service_id as ServiceId,
      scopes: [...key.scopes],
      rate_limit_per_hour: key.rate_limit_per_hour,
      billing_plan: key.billing_plan,
      monthly_prediction_limit: key.monthly_prediction_limit,
      organization_id: key.organization_id ?? null,
      ...balanceFields(ctx, key),
    },
    rateLimit: state,
  };
}

function firstFailedCheck(key: StoredKey, input: ValidateInput, now: number): ValidationErrorCode | undefined {
  if (!key.is_active) return 'revoked';
  if (key.expires_at !== null && now >= key.expires_at) return 'expired';
  if (isGiven(input.service_id) && canonicalService(input.service_id) !== key.service_id) return 'service_mismatch';
  if (isGiven(input.required_scope) && key.scopes.length > 0 && !key.scopes.includes(input.required_scope)) {
    return 'insufficient_scope';
  }
  if (key.allowed_ips !== null && key.allowed_ips.length > 0) {
    // `client_ip` is whatever the service forwarded: an address with a port counts as the
    // address; anything unparseable fails here (never a 400).
    const address = clientAddress(isGiven(input.client_ip) ? input.client_ip : input.connectionIp);
    if (!address || !ipAllowed(address, key.allowed_ips)) return 'ip_not_allowed';
  }
  return undefined;
}

/** Maps `website`/`ml-platform` to `platform`; other names stay as they are. */
function canonicalService(serviceId: string): string {
  return SERVICE_ALIASES[serviceId] ?? serviceId;
}

function isGiven(value: string | null | undefined): value is string {
  return value !== undefined && value !== null;
}

function failure(code: ValidationErrorCode, rateLimit?: RateLimitState): ValidateOutcome {
  const body: ValidationFailure = {
    is_valid: false,
    key_id: null,
    user_id: null,
    service_id: null,
    scopes: null,
    rate_limit_per_hour: null,
    billing_plan: null,
    monthly_prediction_limit: null,
    error: VALIDATION_ERRORS[code],
    error_code: code,
  };
  return { status: code === 'rate_limited' ? 429 : 401, body, ...(rateLimit ? { rateLimit } : {}) };
}
