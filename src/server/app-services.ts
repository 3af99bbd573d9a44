import type { Engine } from './engine';
import { MetricsCollector } from './metrics/collector';
import type { Outbox } from './outbox/outbox';
import { RegistrationService } from './registration/service';
import { DEFAULT_REGISTRATION_SETTINGS } from './registration/settings';
import type { RegistrationSettings } from './registration/settings';

/**
 * What an app keeps beside its engine: the outbox, registration (limits, bans, CAPTCHA) and
 * the metrics counters. Built once per app, with or without its test kit.
 *
 * @example
 * const services = createAppServices(engine, new Outbox(engine.clock), { ipLimit: 3 });
 * services.outbox.list();
 */
export interface AppServices {
  outbox: Outbox;
  registrations: RegistrationService;
  metrics: MetricsCollector;
}

/**
 * The services of an app over `engine`; `outbox` is where the engine's own mails (invitations) go too.
 *
 * @example
 * createAppServices(engine, outbox).registrations.settings.ipLimit; // 5
 */
export function createAppServices(engine: Engine, outbox: Outbox, registration: Partial<RegistrationSettings> = {}): AppServices {
  return {
    outbox,
    registrations: new RegistrationService({ engine, outbox, settings: { ...DEFAULT_REGISTRATION_SETTINGS, ...registration } }),
    metrics: new MetricsCollector(engine.clock),
  };
}
