import { generateApiKey, parseApiKey } from '../../keys';
import { EngineError, invalidInput } from '../engine/errors';
import type { FieldError } from '../engine/errors';
import { toKeyInfo } from '../engine/key-info';
import { newKeyRecord } from '../engine/keys';
import { checkCreateInput } from '../engine/rules';
import { DAY_MS, floorToSecond } from '../engine/time';
import type { CreatedKey, CreateKeyInput, KeyEnvironment } from '../engine/types';
import { isUuid, randomUuid } from '../engine/uuid';
import type { KeyHasher } from '../hasher';
import type { Store } from '../store/types';
import { toEpochMs } from './controllable-clock';

/**
 * A key to put into the store as it is: the create fields (same rules and defaults as
 * `POST /api/v1/keys`) plus a chosen value, id and absolute expiry.
 *
 * @example
 * const input: SeedKeyInput = { api_key: 'hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456', name: 'fixture', service_id: 'prediction' };
 */
export interface SeedKeyInput extends CreateKeyInput {
  /** The key's value; default: a new random key of `environment`. Its `hk_{env}_` decides the environment when `environment` is not given. */
  api_key?: string;
  /** Default: a random UUID. */
  key_id?: string;
  /** Absolute expiry (Date, epoch ms or ISO 8601), instead of `expires_in_days`; may lie in the past. */
  expires_at?: Date | number | string | null;
}

/**
 * Stores a key with a chosen value. Throws `EngineError`: `invalid` (400) naming each bad field,
 * `conflict` (409) when the value or the id is taken.
 */
export async function seedKey(store: Store, hash: KeyHasher, now: number, input: SeedKeyInput): Promise<CreatedKey> {
  const { api_key: chosenKey, key_id: chosenId, expires_at: expiresAtInput, ...createFields } = asRecord(input);
  const errors: FieldError[] = [];
  const environment = environmentFor(chosenKey, createFields.environment, errors);
  if (chosenId !== undefined && (typeof chosenId !== 'string' || !isUuid(chosenId))) {
    errors.push({ field: 'key_id', message: 'Must be a UUID' });
  }
  let expiresAt: number | null = null;
  if (expiresAtInput !== undefined && expiresAtInput !== null) {
    if (createFields.expires_in_days !== undefined && createFields.expires_in_days !== null) {
      errors.push({ field: 'expires_at', message: 'Give either expires_at or expires_in_days, not both' });
    }
    try {
      expiresAt = toEpochMs(expiresAtInput as Date | number | string);
    } catch {
      errors.push({ field: 'expires_at', message: 'Must be a date: ISO 8601 string, epoch milliseconds or Date' });
    }
  }
  let config;
  try {
    config = checkCreateInput({ ...createFields, ...(environment ? { environment } : {}) });
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    errors.push(...error.fieldErrors);
  }
  if (errors.length > 0 || !config) throw invalidInput(errors);

  const apiKey = typeof chosenKey === 'string' ? chosenKey : generateApiKey(config.environment);
  const keyHash = await hash(apiKey);
  const keyId = (typeof chosenId === 'string' ? chosenId : randomUuid()).toLowerCase();
  if (store.findKeyByHash(keyHash)) throw new EngineError('conflict', 'A key with this value already exists');
  if (store.findKeyById(keyId)) throw new EngineError('conflict', 'A key with this key_id already exists');

  const createdAt = floorToSecond(now);
  if (config.expires_in_days !== null) expiresAt = createdAt + config.expires_in_days * DAY_MS;
  const stored = store.insertKey(
    newKeyRecord(config, {
      apiKey,
      keyHash,
      keyId,
      userId: 'admin',
      now: createdAt,
      expiresAt: expiresAt === null ? null : floorToSecond(expiresAt),
    }),
  );
  return { api_key: apiKey, key_info: toKeyInfo(stored) };
}

/** The environment the key's prefix names; a different explicit `environment` is an error. */
function environmentFor(apiKey: unknown, requested: unknown, errors: FieldError[]): KeyEnvironment | undefined {
  if (apiKey === undefined) return undefined;
  const parsed = parseApiKey(apiKey);
  if (!parsed.ok) {
    errors.push({ field: 'api_key', message: 'Must be an API key (hk_{env}_ followed by 32 letters or digits)' });
    return undefined;
  }
  if (requested !== undefined && requested !== null && requested !== parsed.environment) {
    errors.push({ field: 'environment', message: `Must match the key's prefix (${parsed.prefix} is ${parsed.environment})` });
    return undefined;
  }
  return parsed.environment;
}

function asRecord(input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalidInput([{ field: 'body', message: 'Must be a JSON object' }], 'Request body must be a JSON object');
  }
  return input as Record<string, unknown>;
}
