import type { Engine } from '../engine';
import type { RegistrationService } from '../registration/service';
import type { MetricsCollector } from './collector';

/**
 * The JSON of `GET /metrics` (the spec's `MetricsSummary`).
 *
 * @example
 * const summary = metricsSummary(metrics, engine, registrations);
 * summary.keys.active;
 */
export function metricsSummary(metrics: MetricsCollector, engine: Engine, registrations: RegistrationService) {
  let active = 0;
  let revoked = 0;
  for (const key of engine.store.listKeys()) {
    if (key.is_active) active += 1;
    else revoked += 1;
  }
  return {
    uptime_seconds: Math.round(metrics.uptimeSeconds() * 1000) / 1000,
    requests: metrics.requests(),
    validations: metrics.validations(),
    keys: { active, revoked },
    registrations: registrations.countByStatus(),
  };
}

/** The metrics summary's type. */
export type MetricsSummary = ReturnType<typeof metricsSummary>;
