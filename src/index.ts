/**
 * @hokusai/auth — the typed client for the Hokusai authentication API and the API-key helpers.
 * Browser-safe: no Node-only imports, no zod. The stub server, msw handlers and CLI live behind
 * their own subpath exports (`@hokusai/auth/server`, `@hokusai/auth/msw`).
 *
 * @example
 * import { HokusaiAuth } from '@hokusai/auth';
 * const auth = new HokusaiAuth({ baseUrl: 'http://127.0.0.1:8787', adminToken });
 * const { api_key } = await auth.keys.create({ name: 'My First Key', service_id: 'prediction' });
 */
export * from './client/index';
export * from './keys/index';
export type { components, paths } from '../generated/schema';
