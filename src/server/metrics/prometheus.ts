import type { MetricsSummary } from './summary';

// A specifier in a variable: bundlers of the portable entry (browsers, msw) leave prom-client,
// a Node-only package, out; there the text form is unavailable and the JSON form remains.
const PROM_CLIENT = 'prom-client';

async function loadPromClient(): Promise<typeof import('prom-client') | undefined> {
  try {
    return (await import(/* @vite-ignore */ PROM_CLIENT)) as typeof import('prom-client');
  } catch {
    return undefined;
  }
}

/**
 * The metrics summary in the Prometheus text exposition format, written by `prom-client` (a
 * registry made for this answer, so the hot path never touches prom-client). Loaded on first
 * use: a server that is never scraped never loads it. Undefined where prom-client cannot load (a browser).
 *
 * @example
 * const text = await prometheusText(summary); // '# HELP hokusai_auth_uptime_seconds …'
 */
export async function prometheusText(summary: MetricsSummary): Promise<{ text: string; contentType: string } | undefined> {
  const promClient = await loadPromClient();
  if (!promClient) return undefined;
  const { Counter, Gauge, Registry } = promClient;
  const registry = new Registry();
  const gauge = (name: string, help: string, value: number) => new Gauge({ name, help, registers: [registry] }).set(value);
  gauge('hokusai_auth_uptime_seconds', 'Seconds since the server started.', summary.uptime_seconds);

  const requests = new Counter({ name: 'hokusai_auth_requests_total', help: 'Answered requests by method, route and status.', labelNames: ['method', 'route', 'status'], registers: [registry] });
  for (const row of summary.requests.by_route) requests.inc({ method: row.method, route: row.route, status: String(row.status) }, row.count);

  const validations = new Counter({ name: 'hokusai_auth_validations_total', help: 'API key validations by outcome and error_code.', labelNames: ['outcome', 'error_code'], registers: [registry] });
  if (summary.validations.valid > 0) validations.inc({ outcome: 'valid', error_code: '' }, summary.validations.valid);
  for (const [code, count] of Object.entries(summary.validations.by_error_code)) validations.inc({ outcome: 'invalid', error_code: code }, count);

  const keys = new Gauge({ name: 'hokusai_auth_keys', help: 'API keys by state.', labelNames: ['state'], registers: [registry] });
  keys.set({ state: 'active' }, summary.keys.active);
  keys.set({ state: 'revoked' }, summary.keys.revoked);

  const registrations = new Gauge({ name: 'hokusai_auth_registrations', help: 'Registrations by status.', labelNames: ['status'], registers: [registry] });
  for (const [status, count] of Object.entries(summary.registrations)) registrations.set({ status }, count);

  return { text: await registry.metrics(), contentType: registry.contentType };
}
