import * as z from 'zod';
import { seedKeyInput } from '../boundary/schemas';
import { toEpochMs } from '../engine/time';
import { balanceUpdateSchema, ownerSchema } from '../engine/balance';
import { json } from '../http/responses';
import { route } from '../routes/route';
import type { Route } from '../routes/route';
import type { ClockControl, TestControls } from './controls';
import { failNextSchema } from './failures';
import { TEST_CONTROL_PREFIX } from './middleware';
import { walletControlRoutes } from './wallet-routes';

const captchaBody = z.strictObject({ pass: z.boolean() });
const advanceBody = z.strictObject({ ms: z.number().refine(Number.isFinite, 'Must be a finite number') });
const setBody = z.strictObject({
  to: z.union([z.string().min(1).max(100), z.number()]).transform((to, ctx) => {
    try {
      return toEpochMs(to);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'Must be an ISO 8601 date-time or epoch milliseconds' });
      return z.NEVER;
    }
  }),
});
const ownerPath = z.object({ owner: ownerSchema });

/**
 * The test controls over HTTP, all behind the admin token (in the table only when the app runs
 * with `testControls: true`, i.e. `--test-controls`):
 *
 * | route | does |
 * |---|---|
 * | `GET /__hokusai/clock` | `{now, epoch_ms}` |
 * | `POST /__hokusai/clock/advance` `{ms}` | moves time |
 * | `POST /__hokusai/clock/set` `{to}` | jumps to a date (ISO 8601 or epoch ms) |
 * | `POST /__hokusai/clock/reset` | back to real time |
 * | `POST /__hokusai/keys` `{api_key?, key_id?, expires_at?, ...create fields}` | seeds a key (201) |
 * | `GET /__hokusai/balances/{owner}` | `{owner, settled, pending}` in USD |
 * | `POST /__hokusai/balances/{owner}` `{settled?, pending?}` | sets an owner's balance |
 * | `GET/POST/DELETE /__hokusai/failures` `{method?, path, times?, status?, retry_after?, body?, headers?, drop?}` | lists / adds / clears "fail next" rules |
 * | `GET /__hokusai/outbox` | the mails the server would have sent, newest last |
 * | `POST /__hokusai/captcha` `{pass}` | makes every CAPTCHA check pass or fail (with `--captcha`) |
 * | `POST /__hokusai/wallets`, `…/wallets/sign`, `…/wallets/sign-in` `{seed, message?}` | dev wallets (see `walletControlRoutes`) |
 * | `POST /__hokusai/reset` | empties the store, rate-limit windows, replays, outbox, metrics and rules |
 */
export function testControlRoutes(controls: TestControls): Route[] {
  const at = (path: string) => `${TEST_CONTROL_PREFIX}${path}`;
  const clockState = () => json(stateOf(controls.clock));
  return [
    route({ method: 'GET', path: at('/clock'), access: 'admin', request: {}, answer: clockState }),
    route({
      method: 'POST',
      path: at('/clock/advance'),
      access: 'admin',
      request: { body: advanceBody },
      answer: ({ body }) => (controls.clock.advance(body.ms), clockState()),
    }),
    route({
      method: 'POST',
      path: at('/clock/set'),
      access: 'admin',
      request: { body: setBody },
      answer: ({ body }) => (controls.clock.set(body.to), clockState()),
    }),
    route({ method: 'POST', path: at('/clock/reset'), access: 'admin', request: {}, answer: () => (controls.clock.reset(), clockState()) }),
    route({
      method: 'POST',
      path: at('/keys'),
      access: 'admin',
      // The same schema `controls.seedKey` parses with in-process.
      request: { body: seedKeyInput },
      answer: async ({ body }) => json(await controls.seedKey(body), 201),
    }),
    route({
      method: 'GET',
      path: at('/balances/:owner'),
      access: 'admin',
      request: { path: ownerPath },
      answer: ({ path }) => json(controls.balance(path.owner)),
    }),
    route({
      method: 'POST',
      path: at('/balances/:owner'),
      access: 'admin',
      request: { path: ownerPath, body: balanceUpdateSchema },
      answer: ({ path, body }) => json(controls.setBalance(path.owner, body)),
    }),
    route({
      method: 'GET',
      path: at('/failures'),
      access: 'admin',
      request: {},
      answer: () => json({ failures: controls.pendingFailures() }),
    }),
    route({
      method: 'POST',
      path: at('/failures'),
      access: 'admin',
      request: { body: failNextSchema },
      answer: ({ body }) => json({ failure: controls.failNext(body) }, 201),
    }),
    route({
      method: 'DELETE',
      path: at('/failures'),
      access: 'admin',
      request: {},
      answer: () => (controls.clearFailures(), json({ message: 'Pending failures cleared' })),
    }),
    route({ method: 'GET', path: at('/outbox'), access: 'admin', request: {}, answer: () => json(controls.outbox()) }),
    route({
      method: 'POST',
      path: at('/captcha'),
      access: 'admin',
      request: { body: captchaBody },
      answer: ({ body }) => (controls.setCaptcha(body.pass), json({ pass: body.pass })),
    }),
    ...walletControlRoutes(controls),
    route({ method: 'POST', path: at('/reset'), access: 'admin', request: {}, answer: () => (controls.reset(), json({ message: 'Store reset' })) }),
  ];
}

function stateOf(clock: ClockControl) {
  const now = clock.now();
  return { now: new Date(now).toISOString(), epoch_ms: now };
}
