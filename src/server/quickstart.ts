import type { HokusaiAuthApp } from './app';
import { EngineError } from './engine/errors';

/** The admin token the quickstart's commands send. */
export const QUICKSTART_ADMIN_TOKEN = 'YOUR_ADMIN_TOKEN';
/** The key the quickstart's steps 2 and 3 send. */
export const QUICKSTART_API_KEY = 'hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456';

/**
 * Puts the quickstart's example key into the store (as step 1 would have created it), so its
 * steps 2 and 3 work word for word. A store that already has it (a reused data file) is fine.
 * The app needs its test kit (`testKit: true`), whose `seedKey` stores a chosen value.
 *
 * @example
 * await seedQuickstartKey(server.app);
 */
export async function seedQuickstartKey(app: HokusaiAuthApp): Promise<void> {
  if (!app.controls) throw new TypeError('The quickstart key is seeded through the test kit: start the server with testKit: true');
  try {
    await app.controls.seedKey({
      api_key: QUICKSTART_API_KEY,
      name: 'My First Key',
      service_id: 'prediction',
      scopes: ['predict'],
      environment: 'test',
    });
  } catch (error) {
    if (!(error instanceof EngineError && error.kind === 'conflict')) throw error;
  }
}
