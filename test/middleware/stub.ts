// An in-process stub auth service for the guard's tests: the guard's client calls it through an
// injected fetch that counts validations, and the stub's clock is the guard's clock.
import { HokusaiAuth, type CreateApiKeyParams, type FetchLike } from '../../src/client';
import { createKeyGuard, type KeyGuardOptions } from '../../src/middleware';
import { createApp, ManualClock } from '../../src/server';

export const ADMIN = 'middleware-admin-token';
export const KEY_PATTERN = /hk_(?:live|test|dev)_[A-Za-z0-9]{32}/;

/** A fresh stub with its own clock, an admin client, and guards that call it. */
export function inProcessStub() {
  const clock = new ManualClock('2025-01-15T10:30:00Z');
  const app = createApp({ adminToken: ADMIN, clock, testKit: true });
  const calls = { validations: 0, usageRecords: 0 };
  /** When set, every call fails as a dropped connection would. */
  const outage = { on: false };
  /** When set, validations wait for it before they are answered. */
  const hold: { validations?: Promise<void> } = {};
  const fetch: FetchLike = async (request) => {
    if (outage.on) throw new TypeError('fetch failed');
    const path = new URL(request.url).pathname;
    if (path === '/api/v1/keys/validate') {
      calls.validations++;
      await hold.validations;
    }
    if (path.startsWith('/api/v1/usage/')) calls.usageRecords++;
    return app.fetch(request);
  };
  const adminViaStub = new HokusaiAuth({ baseUrl: 'http://stub.local', adminToken: ADMIN, maxRetries: 0, fetch: (request) => app.fetch(request) });
  const service = new HokusaiAuth({ baseUrl: 'http://stub.local', maxRetries: 0, fetch });
  const guard = (options: Partial<KeyGuardOptions> = {}) =>
    createKeyGuard({ auth: service, service_id: 'prediction', required_scope: 'predict', now: () => clock.now(), onError: () => {}, ...options });
  const newKey = async (fields: Partial<CreateApiKeyParams> = {}) =>
    adminViaStub.keys.create({ name: 'caller', service_id: 'prediction', scopes: ['predict'], environment: 'test', ...fields });
  return { app, clock, calls, outage, hold, admin: adminViaStub, service, guard, newKey };
}

/** A request carrying `key` as a Bearer token, from `remoteAddress`. */
export const bearer = (key: string, remoteAddress = '203.0.113.7') => ({ headers: { authorization: `Bearer ${key}` }, remoteAddress });
