import type { Clock } from '../clock';
import { systemClock } from '../clock';
import { createEngine } from '../engine';
import type { BalanceUpdate, CreatedKey, Engine, InitialCredits, OwnerBalance } from '../engine';
import { EngineError } from '../engine/errors';
import { nobleHmacHasher } from '../hasher';
import type { KeyHasherFactory } from '../hasher';
import { MemoryStore } from '../store/memory';
import type { AppServices } from '../app-services';
import type { CaptchaVerifier } from '../registration/service';
import { Outbox } from '../outbox/outbox';
import type { OutboxMail } from '../outbox/outbox';
import type { Store } from '../store/types';
import { ControllableClock } from './controllable-clock';
import { FailureQueue } from './failures';
import type { FailNextOptions, PendingFailure } from './failures';
import { devWallet } from './dev-wallet';
import type { DevWallet } from './dev-wallet';
import { ResettableEngine } from './resettable-engine';
import { seedKey } from './seed-key';
import type { SeedKeyInput } from './seed-key';

/**
 * Moves the stub server's time: expiry, rate-limit windows, usage periods and idempotency
 * windows all follow it.
 *
 * @example
 * controls.clock.advance(61 * 60 * 1000); // past the hourly rate-limit window
 * controls.clock.set('2026-01-01T00:00:00Z');
 * new Date(controls.clock.now()).toISOString();
 */
export interface ClockControl {
  /** The server's current time (epoch ms). */
  now(): number;
  /** Moves time by `ms` (negative moves back). */
  advance(ms: number): void;
  /** Jumps to a Date, epoch ms or ISO 8601 string. */
  set(to: Date | number | string): void;
  /** Undoes every move: back to the time of the clock the app was given. */
  reset(): void;
}

/**
 * What tests can do to a running stub app, in-process: the same object backs the msw handle
 * (`createHokusaiHandlers().controls`), `createApp({ testKit: true }).controls`, `startServer({ testKit: true }).app.controls`
 * and the `/__hokusai/*` routes of a server started with `--test-controls`.
 *
 * @example
 * const { controls } = createApp({ adminToken: 'secret', testKit: true });
 * await controls.seedKey({ api_key: 'hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456', name: 'fixture', service_id: 'prediction' });
 * controls.failNext({ path: '/api/v1/keys/validate', status: 503, retry_after: 1 });
 * controls.clock.advance(3_600_000);
 * controls.reset();
 */
export interface TestControls {
  readonly clock: ClockControl;
  /** Stores a key with a chosen value and settings; returns it like a create would. */
  seedKey(input: SeedKeyInput): Promise<CreatedKey>;
  /**
   * The account of an owner (a key's `user_id`, or its organization) in USD: `settled` is
   * spendable, `pending` not yet. An owner without an account reads 0 and 0.
   *
   * @example
   * controls.balance('admin'); // { owner: 'admin', settled: 1, pending: 0 }
   */
  balance(owner: string): OwnerBalance;
  /**
   * Sets an owner's settled and/or pending USD (a part left out keeps its value), e.g. to test
   * a service's out-of-credit path.
   *
   * @example
   * controls.setBalance('admin', { settled: 0, pending: 5 }); // debits now answer 402 insufficient_settled_balance
   */
  setBalance(owner: string, balance: BalanceUpdate): OwnerBalance;
  /** Makes the next `times` calls matching `method`/`path` fail (status, `Retry-After`, body) or drop the connection. */
  failNext(rule: FailNextOptions): PendingFailure;
  /** The rules that have not fired yet (or not as often as asked). */
  pendingFailures(): PendingFailure[];
  clearFailures(): void;
  /**
   * Every mail the server would have sent (verification, welcome, claim, invitation), newest last.
   *
   * @example
   * const link = controls.outbox().at(-1)?.links[0];
   */
  outbox(): OutboxMail[];
  /**
   * Makes the CAPTCHA check (on with `--captcha`) pass or fail, or decide with a function.
   *
   * @example
   * controls.setCaptcha(false); // every captcha_token now fails
   */
  setCaptcha(verdict: boolean | CaptchaVerifier): void;
  /**
   * A deterministic dev wallet: the same seed always gives the same address. `signIn()` runs
   * the whole wallet sign-in and returns the session (`access_token`, `user_id`, …).
   *
   * @example
   * const { access_token } = await controls.wallet('alice').signIn();
   */
  wallet(seed: string): DevWallet;
  /** Empties the store (keys, usage, balances, users, organizations, registrations), rate-limit windows, idempotency replays, the outbox, registration limits, metrics and pending failures. The clock is kept. */
  reset(): void;
}

/** Options of `createTestKit`: the parts of `createApp`'s options it builds on. */
export interface TestKitOptions {
  engine?: Engine;
  store?: Store;
  clock?: Clock;
  hasher?: KeyHasherFactory;
  initialCredits?: InitialCredits;
  /** Lifetime of wallet sign-in access tokens in seconds; default 86400. */
  tokenLifetimeSeconds?: number;
}

/** The engine an app serves plus its controls; built once by `createApp`. */
export interface TestKit {
  engine: Engine;
  controls: TestControls;
  failures: FailureQueue;
  /** The outbox, registration and metrics of the app; emptied by `controls.reset()`. */
  services: AppServices;
  /** Called after `controls.reset()` (the app clears its idempotency replays). */
  onReset(hook: () => void): void;
}

/**
 * Builds the engine of an app so tests can control it: the clock is a `ControllableClock`
 * over the given one, and the engine can be reset. An app given a ready `engine` keeps it:
 * its time can be moved only when its clock has `advance`/`set` (a `ManualClock`), and it
 * cannot be reset.
 *
 * @example
 * const kit = createTestKit({ store: new MemoryStore() }, (engine, outbox) => createAppServices(engine, outbox));
 * kit.controls.clock.advance(1000);
 */
export function createTestKit(options: TestKitOptions, servicesOf: (engine: Engine, outbox: Outbox) => AppServices): TestKit {
  const failures = new FailureQueue();
  const hooks: (() => void)[] = [];
  const hasher = options.hasher ?? nobleHmacHasher;

  let engine: Engine;
  let clock: ClockControl;
  let resetEngine: (() => void) | undefined;
  let outbox: Outbox;
  if (options.engine) {
    engine = options.engine;
    clock = clockControlOf(engine.clock);
    outbox = new Outbox(engine.clock);
  } else {
    const controllable = options.clock instanceof ControllableClock ? options.clock : new ControllableClock(options.clock ?? systemClock);
    const mails = new Outbox(controllable);
    outbox = mails;
    const resettable = new ResettableEngine(
      (store) =>
        createEngine({
          store,
          clock: controllable,
          hasher,
          mailer: mails,
          ...(options.initialCredits ? { initialCredits: options.initialCredits } : {}),
          ...(options.tokenLifetimeSeconds === undefined ? {} : { tokenLifetimeSeconds: options.tokenLifetimeSeconds }),
        }),
      options.store ?? new MemoryStore(),
    );
    engine = resettable.engine;
    clock = controllable;
    resetEngine = () => resettable.reset();
  }

  const services = servicesOf(engine, outbox);
  const { registrations, metrics } = services;
  const controls: TestControls = {
    clock,
    seedKey: (input) => seedKey(engine.store, hasher(engine.store.hmacSecret()), engine.clock.now(), input),
    balance: (owner) => engine.balance(owner),
    setBalance: (owner, balance) => engine.setBalance(owner, balance),
    failNext: (rule) => failures.add(rule),
    pendingFailures: () => failures.pending(),
    clearFailures: () => failures.clear(),
    outbox: () => outbox.list(),
    setCaptcha: (verdict) => registrations.setCaptchaVerifier(typeof verdict === 'function' ? verdict : () => verdict),
    wallet: (seed) => devWallet(seed, () => engine.platform),
    reset: () => {
      if (!resetEngine) throw new EngineError('conflict', 'Cannot reset an app that was given a ready engine');
      resetEngine();
      failures.clear();
      outbox.clear();
      registrations.reset();
      metrics.clear();
      for (const hook of hooks) hook();
    },
  };
  return { engine, controls, failures, services, onReset: (hook) => hooks.push(hook) };
}

interface MovableClock extends Clock {
  advance(ms: number): unknown;
  set(to: Date | number | string): unknown;
}

/** Controls for a clock that can move itself (a `ManualClock`); refuses for any other clock. */
function clockControlOf(clock: Clock): ClockControl {
  if (clock instanceof ControllableClock) return clock;
  const movable = clock as Partial<MovableClock>;
  if (typeof movable.advance !== 'function' || typeof movable.set !== 'function') {
    const refuse = () => {
      throw new EngineError('conflict', 'Cannot move the time of an engine whose clock has no advance/set; give it a ManualClock');
    };
    return { now: () => clock.now(), advance: refuse, set: refuse, reset: refuse };
  }
  let movedMs = 0;
  return {
    now: () => clock.now(),
    advance: (ms) => {
      const before = clock.now();
      movable.advance!(ms);
      movedMs += clock.now() - before;
    },
    set: (to) => {
      const before = clock.now();
      movable.set!(to);
      movedMs += clock.now() - before;
    },
    reset: () => {
      movable.advance!(-movedMs);
      movedMs = 0;
    },
  };
}
