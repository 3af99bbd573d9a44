// The registration lifecycle through the SDK against the msw handlers (no server, no port),
// reading the outbox through the handlers' test controls.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe } from 'vitest';
import { createHokusaiHandlers } from '../../src/msw';
import { HokusaiAuth } from '../../src/platform';
import { lifecycleScenarios, type LifecycleStub } from './lifecycle-scenarios';

const hokusai = createHokusaiHandlers({ baseUrl: 'http://registration.msw.test' });
const server = setupServer(...hokusai.handlers);
const stub: LifecycleStub = {
  auth: new HokusaiAuth({ baseUrl: hokusai.baseUrl, adminToken: hokusai.adminToken, maxRetries: 0 }),
  outbox: async () => hokusai.controls.outbox(),
  reset: async () => hokusai.controls.reset(),
};

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('the registration lifecycle through msw', () => {
  lifecycleScenarios(() => stub);
});
