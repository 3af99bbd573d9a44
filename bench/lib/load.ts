/** One autocannon round against POST /api/v1/keys/validate, reduced to the numbers we report. */
import autocannon from 'autocannon';
import { cpuSecondsOf } from './cpu';

/** What one round measured. Only 2xx answers count as served requests. */
export type RoundResult = {
  /** 2xx responses per second. */
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** CPU time the server process spent per 2xx answer (µs), when measurable. */
  cpuMicrosPerRequest: number | undefined;
  /** Status code -> count, to report 429s or other failures. */
  statusCounts: Record<string, number>;
};

/** The validate call the benchmark repeats (the quickstart's step 2). */
export const VALIDATE_PATH = '/api/v1/keys/validate';
export const VALIDATE_BODY = JSON.stringify({ service_id: 'prediction' });

/**
 * Runs autocannon for `seconds` with `connections` connections; each connection cycles through
 * `keys` (one Bearer key per request), so no single key's hourly window fills up.
 *
 * @example
 * const r = await runRound('http://127.0.0.1:8787', ['hk_test_…'], 5, 20, child.pid);
 * console.log(r.rps, r.p99);
 */
export async function runRound(baseUrl: string, keys: string[], seconds: number, connections: number, serverPid?: number): Promise<RoundResult> {
  const requests = keys.map((key) => ({
    method: 'POST',
    path: VALIDATE_PATH,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: VALIDATE_BODY,
  }));
  const cpuBefore = cpuSecondsOf(serverPid);
  const result = await autocannon({ url: baseUrl, connections, duration: seconds, requests });
  const cpuAfter = cpuSecondsOf(serverPid);
  const served = result['2xx'];
  const statusCounts = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]));
  return {
    rps: served / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    cpuMicrosPerRequest:
      cpuBefore !== undefined && cpuAfter !== undefined && served > 0 ? ((cpuAfter - cpuBefore) * 1e6) / served : undefined,
    statusCounts,
  };
}
