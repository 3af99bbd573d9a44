import type { RequestOptions } from '../client/request-options';
import type { ClientParts } from './client-parts';
import type { MetricsSummary } from './types';

/**
 * `auth.metrics()` and `auth.metrics.text()`: the service's monitoring endpoint (`GET /metrics`,
 * public), as a JSON summary or as Prometheus text exposition.
 *
 * @example
 * const summary = await auth.metrics();
 * const exposition = await auth.metrics.text(); // '# HELP …'
 */
export interface MetricsFunction {
  /** The JSON summary. @example const { uptime_seconds } = await auth.metrics(); */
  (options?: RequestOptions): Promise<MetricsSummary>;
  /** The Prometheus text exposition (`Accept: text/plain`). @example const text = await auth.metrics.text(); */
  text(options?: RequestOptions): Promise<string>;
}

/** Builds `auth.metrics`. */
export function metricsFunction({ api, transport }: ClientParts): MetricsFunction {
  const json = async (options?: RequestOptions) =>
    transport.data({ name: 'metrics', method: 'GET', headers: { Accept: 'application/json' } }, options, (init) =>
      api.GET('/metrics', init),
    ) as Promise<MetricsSummary>;
  const text = async (options?: RequestOptions) =>
    transport.data({ name: 'metrics.text', method: 'GET', headers: { Accept: 'text/plain' } }, options, (init) =>
      api.GET('/metrics', { ...init, parseAs: 'text' }),
    ) as Promise<string>;
  return Object.assign(json, { text });
}
