import type { StoredKey } from '../store/types';
import { toIsoSeconds } from './time';
import type { ApiKeyInfo, KeyEnvironment, ServiceId } from './types';

/** The public view of a stored key: everything but the hash. */
export function toKeyInfo(key: StoredKey): ApiKeyInfo {
  return {
    key_id: key.key_id,
    name: key.name,
    key_prefix: key.key_prefix,
    user_id: key.user_id,
    // The store holds only values the engine checked on the way in.
    service_id: key.service_id as ServiceId,
    scopes: [...key.scopes],
    environment: key.environment as KeyEnvironment,
    is_active: key.is_active,
    rate_limit_per_hour: key.rate_limit_per_hour,
    monthly_prediction_limit: key.monthly_prediction_limit,
    allowed_ips: key.allowed_ips === null ? null : [...key.allowed_ips],
    billing_plan: key.billing_plan,
    created_at: toIsoSeconds(key.created_at),
    expires_at: key.expires_at === null ? null : toIsoSeconds(key.expires_at),
    last_used_at: key.last_used_at === null ? null : toIsoSeconds(key.last_used_at),
  };
}

/** True when a key can still validate: not revoked and not past its expiry. */
export function isUsable(key: StoredKey, now: number): boolean {
  return key.is_active && (key.expires_at === null || now < key.expires_at);
}
