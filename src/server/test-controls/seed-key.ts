import { generateApiKey, parseApiKey } from '../../keys';
import { parseInput } from '../boundary/parse';
import { DEFAULT_ENVIRONMENT, seedKeyInput } from '../boundary/schemas';
import { EngineError } from '../engine/errors';
import { toKeyInfo } from '../engine/key-info';
import { newKeyRecord } from '../engine/keys';
import { DAY_MS, floorToSecond } from '../engine/time';
import type { CreatedKey, CreateKeyInput } from '../engine/types';
import { randomUuid } from '../engine/uuid';
import type { KeyHasher } from '../hasher';
import type { Store } from '../store/types';

/**
 * A key to put into the store as it is: the create fields (same schema, rules and defaults as
 * `POST /api/v1/keys`) plus a chosen value, id and absolute expiry.
 *
 * @example
 * const input: SeedKeyInput = { api_key: 'hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456', name: 'fixture', service_id: 'prediction' };
 */
export interface SeedKeyInput {
  name: string;
  service_id: string;
  scopes?: string[];
  /** Default: the environment of `api_key`'s prefix, else `production`. */
  environment?: string;
  expires_in_days?: number | null;
  rate_limit_per_hour?: number;
  monthly_prediction_limit?: number | null;
  allowed_ips?: string[] | null;
  billing_plan?: string;
  /** The key's value; default: a new random key of `environment`. */
  api_key?: string;
  /** Default: a random UUID. */
  key_id?: string;
  /** Absolute expiry (Date, epoch ms or ISO 8601), instead of `expires_in_days`; may lie in the past. */
  expires_at?: Date | number | string | null;
}

/**
 * Stores a key with a chosen value, after the spec's create schema (and the seed fields) have
 * parsed the input. Throws `EngineError`: `invalid` (400) naming each bad field, `conflict`
 * (409) when the value or the id is taken.
 */
export async function seedKey(store: Store, hash: KeyHasher, now: number, input: SeedKeyInput): Promise<CreatedKey> {
  const { api_key: chosenKey, key_id: chosenId, expires_at: expiresAt, ...fields } = parseInput(seedKeyInput, input);
  const config: CreateKeyInput = { ...fields, environment: environmentFor(chosenKey, fields.environment) };
  const apiKey = chosenKey ?? generateApiKey(config.environment);
  const keyHash = await hash(apiKey);
  const keyId = (chosenId ?? randomUuid()).toLowerCase();
  if (store.findKeyByHash(keyHash)) throw new EngineError('conflict', 'A key with this value already exists');
  if (store.findKeyById(keyId)) throw new EngineError('conflict', 'A key with this key_id already exists');

  const createdAt = floorToSecond(now);
  const expiry = config.expires_in_days !== null ? createdAt + config.expires_in_days * DAY_MS : expiresAt;
  const record = newKeyRecord(config, {
    apiKey,
    keyHash,
    keyId,
    userId: 'admin',
    now: createdAt,
    expiresAt: expiry === null ? null : floorToSecond(expiry),
  });
  return { api_key: apiKey, key_info: toKeyInfo(store.insertKey(record)) };
}

/** The environment the key's prefix names; a different explicit `environment` is a 400. */
function environmentFor(apiKey: string | undefined, requested: CreateKeyInput['environment'] | undefined): CreateKeyInput['environment'] {
  const parsed = apiKey === undefined ? undefined : parseApiKey(apiKey);
  if (!parsed?.ok) return requested ?? DEFAULT_ENVIRONMENT;
  if (requested !== undefined && requested !== parsed.environment) {
    throw new EngineError('invalid', 'Invalid request body', [
      { field: 'environment', message: `Must match the key's prefix (${parsed.prefix} is ${parsed.environment})` },
    ]);
  }
  return parsed.environment;
}
