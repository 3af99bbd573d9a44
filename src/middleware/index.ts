/**
 * @hokusai/auth/middleware — protect a service with Hokusai API keys: a framework-free key guard
 * with a validation cache and batched usage recording, and adapters for Hono, Express/Connect,
 * Fastify, Web fetch handlers and `node:http`.
 *
 * @example
 * import { HokusaiAuth } from '@hokusai/auth';
 * import { createKeyGuard, honoKeyGuard } from '@hokusai/auth/middleware';
 *
 * const guard = createKeyGuard({ auth: new HokusaiAuth(), service_id: 'prediction', required_scope: 'predict' });
 * app.use('/v1/*', honoKeyGuard(guard));
 */
export { createKeyGuard } from './guard';
export type { KeyGuard, UsageReport } from './guard';
export type { CacheOptions, KeyGuardOptions } from './options';
export type { UsageOptions } from './usage-batcher';
export type { DebitOptions } from './debit';
export type { TrustProxy } from './client-ip';
export { MemoryGuardStore } from './memory-store';
export type { MemoryGuardStoreOptions } from './memory-store';
export { reportUsage } from './usage-fields';
export type { UsageFields } from './usage-fields';
export { hokusaiKeyOf } from './key-of';
export type {
  CachedValidation,
  GuardAcceptance,
  GuardCacheEntry,
  GuardErrorCode,
  GuardOutcome,
  GuardRejection,
  GuardRequest,
  GuardStore,
  HokusaiKey,
  MaybePromise,
  UseCount,
} from './types';
export { honoKeyGuard } from './adapters/hono';
export type { HokusaiKeyVariables, HonoGuardOptions } from './adapters/hono';
export { expressKeyGuard } from './adapters/express';
export { fastifyKeyGuard } from './adapters/fastify';
export { rejectionResponse, withKeyGuard } from './adapters/fetch';
export type { FetchGuardOptions } from './adapters/fetch';
export { nodeKeyGuard } from './adapters/node-http';
