import * as z from 'zod';
import { json } from '../http/responses';
import { route } from '../routes/route';
import type { Route } from '../routes/route';
import type { TestControls } from './controls';
import { TEST_CONTROL_PREFIX } from './middleware';

const seed = z.string().min(1).max(200);
const seedBody = z.strictObject({ seed });
const signBody = z.strictObject({ seed, message: z.string().min(1).max(4096) });

/**
 * The dev wallets over HTTP (admin token, like every test control):
 *
 * | route | does |
 * |---|---|
 * | `POST /__hokusai/wallets` `{seed}` | `{address}` of the seed's wallet |
 * | `POST /__hokusai/wallets/sign` `{seed, message}` | `{address, signature}`: the wallet's EIP-191 signature |
 * | `POST /__hokusai/wallets/sign-in` `{seed}` | signs the wallet in: the session of `POST /auth/siwe/verify` |
 *
 * @example
 * const routes = walletControlRoutes(app.controls);
 */
export function walletControlRoutes(controls: TestControls): Route[] {
  const at = (path: string) => `${TEST_CONTROL_PREFIX}${path}`;
  return [
    route({
      method: 'POST',
      path: at('/wallets'),
      access: 'admin',
      request: { body: seedBody },
      answer: ({ body }) => json({ address: controls.wallet(body.seed).address }),
    }),
    route({
      method: 'POST',
      path: at('/wallets/sign'),
      access: 'admin',
      request: { body: signBody },
      answer: async ({ body }) => {
        const wallet = controls.wallet(body.seed);
        return json({ address: wallet.address, signature: await wallet.signMessage(body.message) });
      },
    }),
    route({
      method: 'POST',
      path: at('/wallets/sign-in'),
      access: 'admin',
      request: { body: seedBody },
      answer: async ({ body }) => json(await controls.wallet(body.seed).signIn()),
    }),
  ];
}
