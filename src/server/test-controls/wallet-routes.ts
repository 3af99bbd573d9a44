import type { MiddlewareHandler } from 'hono';
import * as z from 'zod';
import { readJsonObject } from '../http/body';
import { json } from '../http/responses';
import { parseWith } from '../http/schemas';
import type { ServerHono } from '../routes/deps';
import { resource } from '../routes/resource';
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
 */
export function registerWalletControlRoutes(app: ServerHono, controls: TestControls, admin: MiddlewareHandler): void {
  const at = (path: string) => `${TEST_CONTROL_PREFIX}${path}`;
  resource(app, at('/wallets'), {
    POST: [admin, async (c) => json({ address: controls.wallet(parseWith(seedBody, await readJsonObject(c)).seed).address })],
  });
  resource(app, at('/wallets/sign'), {
    POST: [
      admin,
      async (c) => {
        const body = parseWith(signBody, await readJsonObject(c));
        const wallet = controls.wallet(body.seed);
        return json({ address: wallet.address, signature: await wallet.signMessage(body.message) });
      },
    ],
  });
  resource(app, at('/wallets/sign-in'), {
    POST: [admin, async (c) => json(await controls.wallet(parseWith(seedBody, await readJsonObject(c)).seed).signIn())],
  });
}
