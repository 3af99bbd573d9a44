import type { MiddlewareHandler } from 'hono';
import * as z from 'zod';
import { readJsonObject } from '../http/body';
import { RequestProblem } from '../http/errors';
import { json } from '../http/responses';
import { parseWith } from '../http/schemas';
import type { ServerHono } from '../routes/deps';
import { resource } from '../routes/resource';
import type { ClockControl, TestControls } from './controls';
import { toEpochMs } from './controllable-clock';
import { failNextSchema } from './failures';
import { TEST_CONTROL_PREFIX } from './middleware';
import type { SeedKeyInput } from './seed-key';
import { registerWalletControlRoutes } from './wallet-routes';

const advanceBody = z.strictObject({ ms: z.number().refine(Number.isFinite, 'Must be a finite number') });
const setBody = z.strictObject({ to: z.union([z.string().min(1).max(100), z.number()]) });
const balanceBody = z.strictObject({ settled: z.number().min(0).optional(), pending: z.number().min(0).optional() });

/**
 * The test controls over HTTP, all behind the admin token (registered only when the app runs
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
 * | `POST /__hokusai/wallets`, `…/wallets/sign`, `…/wallets/sign-in` `{seed, message?}` | dev wallets (see `registerWalletControlRoutes`) |
 * | `POST /__hokusai/reset` | empties the store, rate-limit windows, replays, outbox and rules |
 */
export function registerTestControlRoutes(app: ServerHono, controls: TestControls, admin: MiddlewareHandler): void {
  const at = (path: string) => `${TEST_CONTROL_PREFIX}${path}`;
  resource(app, at('/clock'), { GET: [admin, () => json(clockState(controls.clock))] });
  resource(app, at('/clock/advance'), {
    POST: [
      admin,
      async (c) => {
        const { ms } = parseWith(advanceBody, await readJsonObject(c));
        controls.clock.advance(ms);
        return json(clockState(controls.clock));
      },
    ],
  });
  resource(app, at('/clock/set'), {
    POST: [
      admin,
      async (c) => {
        const { to } = parseWith(setBody, await readJsonObject(c));
        let ms: number;
        try {
          ms = toEpochMs(to);
        } catch {
          throw new RequestProblem(400, 'Invalid request body', [{ field: 'to', message: 'Must be an ISO 8601 date-time or epoch milliseconds' }]);
        }
        controls.clock.set(ms);
        return json(clockState(controls.clock));
      },
    ],
  });
  resource(app, at('/clock/reset'), {
    POST: [
      admin,
      () => {
        controls.clock.reset();
        return json(clockState(controls.clock));
      },
    ],
  });
  resource(app, at('/keys'), {
    POST: [admin, async (c) => json(await controls.seedKey((await readJsonObject(c)) as unknown as SeedKeyInput), 201)],
  });
  resource(app, at('/balances/:owner'), {
    GET: [admin, (c) => json(controls.balance(c.req.param('owner') ?? ''))],
    POST: [
      admin,
      async (c) => {
        const update = parseWith(balanceBody, await readJsonObject(c));
        return json(controls.setBalance(c.req.param('owner') ?? '', update));
      },
    ],
  });
  resource(app, at('/failures'), {
    GET: [admin, () => json({ failures: controls.pendingFailures() })],
    POST: [
      admin,
      async (c) => {
        const rule = parseWith(failNextSchema, await readJsonObject(c), 'Invalid failure rule');
        return json({ failure: controls.failNext(rule) }, 201);
      },
    ],
    DELETE: [
      admin,
      () => {
        controls.clearFailures();
        return json({ message: 'Pending failures cleared' });
      },
    ],
  });
  resource(app, at('/outbox'), { GET: [admin, () => json(controls.outbox())] });
  registerWalletControlRoutes(app, controls, admin);
  resource(app, at('/reset'), {
    POST: [
      admin,
      () => {
        controls.reset();
        return json({ message: 'Store reset' });
      },
    ],
  });
}

function clockState(clock: ClockControl) {
  const now = clock.now();
  return { now: new Date(now).toISOString(), epoch_ms: now };
}
