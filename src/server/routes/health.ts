import { json } from '../http/responses';
import { route } from './route';
import type { Route } from './route';

/** Public probes: health, readiness (the store answers), liveness, version. */
export const healthRoutes: Route[] = [
  route({ method: 'GET', path: '/health', access: 'public', request: {}, answer: () => json({ status: 'healthy' }) }),
  route({
    method: 'GET',
    path: '/ready',
    access: 'public',
    request: {},
    answer: (_input, { engine }) => {
      const database = safeReady(() => engine.ready());
      return json({ status: database ? 'ready' : 'not ready', checks: { database } }, database ? 200 : 503);
    },
  }),
  route({ method: 'GET', path: '/live', access: 'public', request: {}, answer: () => json({ status: 'alive' }) }),
  route({ method: 'GET', path: '/version', access: 'public', request: {}, answer: (_input, { version }) => json({ version, api_version: 'v1' }) }),
];

function safeReady(check: () => boolean): boolean {
  try {
    return check();
  } catch {
    return false;
  }
}
