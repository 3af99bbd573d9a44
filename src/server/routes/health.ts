import { json } from '../http/responses';
import type { RouteDeps, ServerHono } from './deps';
import { resource } from './resource';

/** Public probes: health, readiness (the store answers), liveness, version. */
export function registerHealthRoutes(app: ServerHono, { engine, version }: RouteDeps): void {
  resource(app, '/health', { GET: [() => json({ status: 'healthy' })] });
  resource(app, '/ready', {
    GET: [
      () => {
        const database = safeReady(() => engine.ready());
        return json({ status: database ? 'ready' : 'not ready', checks: { database } }, database ? 200 : 503);
      },
    ],
  });
  resource(app, '/live', { GET: [() => json({ status: 'alive' })] });
  resource(app, '/version', { GET: [() => json({ version, api_version: 'v1' })] });
}

function safeReady(check: () => boolean): boolean {
  try {
    return check();
  } catch {
    return false;
  }
}
