import { json, problem } from '../http/responses';
import type { ReplyParts } from '../http/responses';
import type { MetricsCollector } from '../metrics/collector';
import { prometheusText } from '../metrics/prometheus';
import { metricsSummary } from '../metrics/summary';
import type { RegistrationService } from '../registration/service';
import { route } from './route';
import type { Route } from './route';

/**
 * True when `accept` prefers `text/plain` (Prometheus scrapers send it) over JSON.
 *
 * @example
 * prefersText('text/plain;version=0.0.4;q=0.9,*\/*;q=0.1'); // true
 */
export function prefersText(accept: string | undefined): boolean {
  if (!accept) return false;
  let text = -1;
  let jsonQ = -1;
  for (const part of accept.split(',')) {
    const [type = '', ...params] = part.trim().toLowerCase().split(';');
    const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith('q='))?.slice(2) ?? 1);
    if (type === 'text/plain' || type === 'application/openmetrics-text') text = Math.max(text, q);
    if (type === 'application/json') jsonQ = Math.max(jsonQ, q);
  }
  return text > 0 && text >= jsonQ;
}

/**
 * `GET /metrics`: the JSON summary, or Prometheus text for a caller that asks for `text/plain`.
 *
 * @example
 * metricsRoute(metrics, registrations).path; // '/metrics'
 */
export function metricsRoute(metrics: MetricsCollector, registrations: RegistrationService): Route {
  return route({
    method: 'GET',
    path: '/metrics',
    access: 'public',
    request: {},
    answer: async (_input, { engine, request }): Promise<ReplyParts> => {
      const summary = metricsSummary(metrics, engine, registrations);
      if (!prefersText(request.header('accept'))) return json(summary);
      const exposition = await prometheusText(summary);
      if (!exposition) return problem(406, 'Prometheus text needs the Node server here; ask for application/json');
      return { status: 200, body: exposition.text, headers: { 'content-type': exposition.contentType } };
    },
  });
}
