import { json } from '../http/responses';
import type { MetricsCollector } from '../metrics/collector';
import { prometheusText } from '../metrics/prometheus';
import { metricsSummary } from '../metrics/summary';
import type { RegistrationService } from '../registration/service';
import type { RouteDeps, ServerHono } from './deps';
import { resource } from './resource';

/**
 * True when `accept` prefers `text/plain` (Prometheus scrapers send it) over JSON.
 *
 * @example
 * prefersText('text/plain;version=0.0.4;q=0.9,*\/*;q=0.1'); // true
 */
export function prefersText(accept: string | undefined): boolean {
  if (!accept) return false;
  let text = -1;
  let json = -1;
  for (const part of accept.split(',')) {
    const [type = '', ...params] = part.trim().toLowerCase().split(';');
    const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith('q='))?.slice(2) ?? 1);
    if (type === 'text/plain' || type === 'application/openmetrics-text') text = Math.max(text, q);
    if (type === 'application/json') json = Math.max(json, q);
  }
  return text > 0 && text >= json;
}

/** `GET /metrics`: the JSON summary, or Prometheus text for a caller that asks for `text/plain`. */
export function registerMetricsRoutes(app: ServerHono, { engine }: RouteDeps, metrics: MetricsCollector, registrations: RegistrationService): void {
  resource(app, '/metrics', {
    GET: [
      async (c) => {
        const summary = metricsSummary(metrics, engine, registrations);
        if (!prefersText(c.req.header('accept'))) return json(summary);
        const { text, contentType } = await prometheusText(summary);
        return new Response(text, { status: 200, headers: { 'content-type': contentType } });
      },
    ],
  });
}
