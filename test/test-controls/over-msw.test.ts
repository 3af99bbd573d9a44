// The test controls through the msw handle (in-process, no server): the programmatic way in.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HokusaiAuth } from '../../src/client';
import { createHokusaiHandlers } from '../../src/msw';
import { createApp, createEngine, EngineError, ManualClock } from '../../src/server';
import { ControllableClock, DroppedConnectionError } from '../../src/server/test-controls';
import { controlScenarios, DAY_MS, SEEDED_KEY, type ControlledStub } from './scenarios';

const hokusai = createHokusaiHandlers({ baseUrl: 'http://controls.msw.test', clock: new ManualClock('2025-01-15T10:30:00Z') });
const server = setupServer(...hokusai.handlers);

const stub: ControlledStub = {
  baseUrl: hokusai.baseUrl,
  adminToken: hokusai.adminToken,
  controls: {
    seedKey: (input) => hokusai.controls.seedKey(input),
    failNext: async (rule) => void hokusai.controls.failNext(rule),
    pendingFailures: async () => hokusai.controls.pendingFailures(),
    advanceClock: async (ms) => hokusai.controls.clock.advance(ms),
    reset: async () => hokusai.controls.reset(),
  },
};

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('test controls through the msw handle', () => {
  controlScenarios(() => stub);

  it('moves the time everything reads: ISO dates in answers follow the clock', async () => {
    hokusai.controls.clock.set('2030-06-01T12:00:00Z');
    const { key_info } = await hokusai.controls.seedKey({ name: 'dated', service_id: 'platform', expires_in_days: 30 });
    expect(key_info).toMatchObject({ created_at: '2030-06-01T12:00:00Z', expires_at: '2030-07-01T12:00:00Z' });
    hokusai.controls.clock.reset();
    expect(new Date(hokusai.controls.clock.now()).toISOString()).toBe('2025-01-15T10:30:00.000Z');
  });

  it('refuses bad input to seedKey naming each field, and a value or id that is taken', async () => {
    const bad = await hokusai.controls
      .seedKey({ api_key: 'hk_AbCdEf', name: '', service_id: 'nope', key_id: 'not-a-uuid' } as never)
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(EngineError);
    expect((bad as EngineError).fieldErrors.map((e) => e.field).sort()).toEqual(['api_key', 'key_id', 'name', 'service_id']);
    expect(JSON.stringify(bad)).not.toContain('hk_AbCdEf');

    await hokusai.controls.seedKey({ api_key: SEEDED_KEY, name: 'one', service_id: 'prediction' });
    await expect(hokusai.controls.seedKey({ api_key: SEEDED_KEY, name: 'two', service_id: 'prediction' })).rejects.toMatchObject({
      kind: 'conflict',
    });
    await expect(
      hokusai.controls.seedKey({ api_key: 'hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456', environment: 'production', name: 'x', service_id: 'prediction' }),
    ).rejects.toMatchObject({ fieldErrors: [{ field: 'environment' }] });
  });

  it('refuses a failure rule it cannot apply, naming the field', () => {
    expect(() => hokusai.controls.failNext({ path: 'api/v1/keys', status: 99 })).toThrow(EngineError);
    try {
      hokusai.controls.failNext({ path: 'api/v1/keys', status: 99 });
    } catch (error) {
      expect((error as EngineError).fieldErrors.map((e) => e.field)).toEqual(['path', 'status']);
    }
  });

  it("does not let a browser's CORS preflight use up a rule without a method", async () => {
    hokusai.controls.failNext({ path: '/api/v1/keys', status: 503 });
    const preflight = await hokusai.app.request('/api/v1/keys', {
      method: 'OPTIONS',
      headers: { Origin: 'http://app.test', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    const injected = await hokusai.app.request('/api/v1/keys', { method: 'POST', headers: { Origin: 'http://app.test' } });
    expect(injected.status).toBe(503);
    // A browser page can read the injected answer and its Retry-After like any other.
    expect(injected.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(injected.headers.get('Access-Control-Expose-Headers')).toMatch(/Retry-After/);
    expect(injected.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  it('makes in-process app.fetch reject with a TypeError for a dropped connection, as fetch would', async () => {
    hokusai.controls.failNext({ path: '/health', drop: true });
    const error = await hokusai.app.request('/health').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toBeInstanceOf(DroppedConnectionError);
  });

  it('works for createApp too, whatever clock it was given', async () => {
    const manual = new ManualClock('2025-03-01T00:00:00Z');
    const app = createApp({ clock: manual, testKit: true });
    const { api_key } = await app.controls.seedKey({ name: 'x', service_id: 'prediction', expires_in_days: 1 });
    app.controls.clock.advance(DAY_MS);
    expect((await app.engine.validate({ apiKey: api_key })).body).toMatchObject({ error_code: 'expired' });
    // The app's own clock and the controls add up.
    manual.advance(-DAY_MS);
    expect((await app.engine.validate({ apiKey: api_key })).body).toMatchObject({ is_valid: true });
    expect(app.engine.clock).toBeInstanceOf(ControllableClock);
  });

  it('an app given a ready engine keeps it: its ManualClock is moved, reset is refused', async () => {
    const clock = new ManualClock('2025-03-01T00:00:00Z');
    const app = createApp({ engine: createEngine({ clock }), testKit: true });
    app.controls.clock.advance(60_000);
    expect(clock.now()).toBe(Date.parse('2025-03-01T00:01:00Z'));
    app.controls.clock.reset();
    expect(clock.now()).toBe(Date.parse('2025-03-01T00:00:00Z'));
    expect(() => app.controls.reset()).toThrow(/ready engine/);
    const fixed = createApp({ engine: createEngine({ clock: { now: () => 0 } }), testKit: true });
    expect(() => fixed.controls.clock.advance(1)).toThrow(/ManualClock/);
  });

  it('a HokusaiAuth test can reset between tests and start from an empty store, replays included', async () => {
    const auth = new HokusaiAuth({ baseUrl: hokusai.baseUrl, adminToken: hokusai.adminToken });
    const first = await auth.keys.create({ name: 'temporary', service_id: 'prediction' }, { idempotencyKey: 'fixture-key-1' });
    hokusai.controls.reset();
    expect(await auth.keys.list()).toEqual([]);
    // The same Idempotency-Key after a reset creates a new key instead of replaying a deleted one.
    const second = await auth.keys.create({ name: 'temporary', service_id: 'prediction' }, { idempotencyKey: 'fixture-key-1' });
    expect(second.key_info.key_id).not.toBe(first.key_info.key_id);
    expect((await auth.keys.list()).map((key) => key.key_id)).toEqual([second.key_info.key_id]);
  });
});
