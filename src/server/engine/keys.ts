import { generateApiKey, maskApiKey } from '../../keys';
import type { NewStoredKey, StoredKey } from '../store/types';
import type { EngineContext } from './context';
import { EngineError, keyNotFound } from './errors';
import { isUsable, toKeyInfo } from './key-info';
import { DAY_MS, floorToSecond } from './time';
import type { ApiKeyInfo, CreatedKey, CreateKeyInput, KeyEnvironment, ListKeysFilter } from './types';
import { randomUuid } from './uuid';

/** Who an organization key belongs to, besides its `user_id`. */
export interface KeyOrganization {
  organization_id: string;
  created_by: string;
}

/**
 * Creates a key from a parsed create request (the spec's schema applied its rules and
 * defaults); `organization` makes it an organization key.
 */
export async function createKey(ctx: EngineContext, config: CreateKeyInput, userId = 'admin', organization?: KeyOrganization): Promise<CreatedKey> {
  const now = floorToSecond(ctx.clock.now());
  const expiresAt = config.expires_in_days === null ? null : now + config.expires_in_days * DAY_MS;
  const { apiKey, keyHash } = await freshKey(ctx, config.environment);
  const stored = ctx.store.insertKey({ ...newKeyRecord(config, { apiKey, keyHash, userId, now, expiresAt }), ...organization });
  return { api_key: apiKey, key_info: toKeyInfo(stored) };
}

/** All keys, newest first; `active_only` keeps keys that are active and not expired. */
export function listKeys(ctx: EngineContext, filter: ListKeysFilter = { active_only: false }): ApiKeyInfo[] {
  const now = ctx.clock.now();
  const keys = ctx.store.listKeys(filter.service_id === undefined ? {} : { service_id: filter.service_id });
  return keys.filter((key) => !filter.active_only || isUsable(key, now)).map((key) => toKeyInfo(ctx.writes.current(key)));
}

/** One key by id (revoked keys included). */
export function getKey(ctx: EngineContext, keyId: string): ApiKeyInfo {
  return toKeyInfo(ctx.writes.current(requireKey(ctx, keyId)));
}

/**
 * Replaces a key with a new one of the same configuration: new id and value, a fresh expiry
 * of the same length, the old key inactive from this moment.
 */
export async function rotateKey(ctx: EngineContext, keyId: string): Promise<CreatedKey> {
  const before = requireKey(ctx, keyId);
  const { apiKey, keyHash } = await freshKey(ctx, before.environment as KeyEnvironment);
  // Re-read after the (possibly asynchronous) hash: a concurrent rotate/revoke may have won.
  const old = requireKey(ctx, keyId);
  if (!old.is_active) throw new EngineError('invalid', 'Cannot rotate an inactive API key');
  const now = floorToSecond(ctx.clock.now());
  const expiresAt = old.expires_at === null ? null : now + (old.expires_at - old.created_at);
  const replacement: NewStoredKey = { ...newKeyRecord(configOf(old), { apiKey, keyHash, userId: old.user_id, now, expiresAt }), ...organizationOf(old) };
  // Refused when another rotation or a revocation deactivated the key in the meantime.
  const stored = ctx.store.replaceKey(old.key_id, replacement);
  if (!stored) throw new EngineError('invalid', 'Cannot rotate an inactive API key');
  // The new key goes on with the old key's hour: a rotation is no way around the rate limit.
  ctx.limiter.transfer(old.key_id, stored.key_id);
  return { api_key: apiKey, key_info: toKeyInfo(stored) };
}

/** Revokes a key for good; revoking a revoked key again is not an error. */
export function revokeKey(ctx: EngineContext, keyId: string): { message: string } {
  const key = requireKey(ctx, keyId);
  // Conditional on the key being active (in the store's UPDATE): only the call that revoked it forgets its window.
  if (ctx.store.setKeyActive(key.key_id, false)) ctx.limiter.forget(key.key_id);
  return { message: 'API key revoked successfully' };
}

/** The stored key with this id (UUIDs compare case-insensitively), or a 404-kind error. */
export function requireKey(ctx: EngineContext, keyId: string): StoredKey {
  const key = ctx.store.findKeyById(keyId.toLowerCase());
  if (!key) throw keyNotFound();
  return key;
}

async function freshKey(ctx: EngineContext, environment: KeyEnvironment): Promise<{ apiKey: string; keyHash: string }> {
  // 190 random bits make a collision practically impossible; the check costs one lookup.
  for (;;) {
    const apiKey = generateApiKey(environment);
    const keyHash = await ctx.hash(apiKey);
    if (!ctx.store.findKeyByHash(keyHash)) return { apiKey, keyHash };
  }
}

/** The organization fields of an organization key (a rotation keeps them); none for other keys. */
function organizationOf(key: StoredKey): Partial<KeyOrganization> {
  return key.organization_id ? { organization_id: key.organization_id, created_by: key.created_by ?? key.user_id } : {};
}

function configOf(key: StoredKey): CreateKeyInput {
  return {
    name: key.name,
    service_id: key.service_id as CreateKeyInput['service_id'],
    scopes: key.scopes,
    environment: key.environment as KeyEnvironment,
    expires_in_days: null,
    rate_limit_per_hour: key.rate_limit_per_hour,
    monthly_prediction_limit: key.monthly_prediction_limit,
    allowed_ips: key.allowed_ips,
    billing_plan: key.billing_plan,
  };
}

/** The stored form of a new key (create, rotate, and keys seeded by the test controls). */
export function newKeyRecord(
  config: CreateKeyInput,
  made: { apiKey: string; keyHash: string; userId: string; now: number; expiresAt: number | null; keyId?: string },
): NewStoredKey {
  return {
    key_id: made.keyId ?? randomUuid(),
    key_hash: made.keyHash,
    name: config.name,
    key_prefix: maskApiKey(made.apiKey),
    user_id: made.userId,
    service_id: config.service_id,
    scopes: [...config.scopes],
    environment: config.environment,
    is_active: true,
    rate_limit_per_hour: config.rate_limit_per_hour,
    monthly_prediction_limit: config.monthly_prediction_limit,
    allowed_ips: config.allowed_ips === null ? null : [...config.allowed_ips],
    billing_plan: config.billing_plan,
    created_at: made.now,
    expires_at: made.expiresAt,
    last_used_at: null,
  };
}
