import type { Clock } from '../clock';

/** The validate route, whose answers are also counted by outcome. */
const VALIDATE_PATH = '/api/v1/keys/validate';

/**
 * One request count of the metrics.
 *
 * @example
 * const row: RouteCount = { method: 'GET', route: '/health', status: 200, count: 2 };
 */
export interface RouteCount {
  method: string;
  route: string;
  status: number;
  count: number;
}

/**
 * The counters behind `GET /metrics`, kept on the hot path: one map update per answer of a
 * route (plus, for a failed validation, reading its `error_code`). Everything else (keys,
 * registrations) is read from the store when the metrics are asked for.
 *
 * @example
 * const metrics = new MetricsCollector(clock);
 * metrics.observe('GET', '/health', 200);
 */
export class MetricsCollector {
  readonly #clock: Clock;
  readonly #startedAt: number;
  // Route, then method, then status: the route and method strings are the table's own, so a
  // count costs lookups of strings whose hash is already known, not a new joined key.
  #requests = new Map<string, Map<string, Map<number, RouteCount>>>();
  #valid = 0;
  #invalid = 0;
  #byErrorCode = new Map<string, number>();

  constructor(clock: Clock) {
    this.#clock = clock;
    this.#startedAt = clock.now();
  }

  /**
   * Counts one answer of a route (`route` as the spec writes it: `/api/v1/keys/{key_id}`).
   * `body` is read only for a failed validation (its `error_code`).
   */
  observe(method: string, route: string, status: number, body?: string): void {
    let byMethod = this.#requests.get(route);
    if (!byMethod) this.#requests.set(route, (byMethod = new Map()));
    let byStatus = byMethod.get(method);
    if (!byStatus) byMethod.set(method, (byStatus = new Map()));
    const row = byStatus.get(status);
    if (row) row.count += 1;
    else byStatus.set(status, { method, route, status, count: 1 });
    if (route !== VALIDATE_PATH || method !== 'POST') return;
    if (status === 200) this.#valid += 1;
    else if (status === 401 || status === 429) this.#countFailure(body);
  }

  /** Seconds since the app was made, on its clock. */
  uptimeSeconds(): number {
    return Math.max(0, (this.#clock.now() - this.#startedAt) / 1000);
  }

  requests(): { total: number; by_route: RouteCount[] } {
    const rows = [...this.#requests.values()].flatMap((byMethod) => [...byMethod.values()].flatMap((byStatus) => [...byStatus.values()].map((row) => ({ ...row }))));
    rows.sort((a, b) => a.route.localeCompare(b.route) || a.method.localeCompare(b.method) || a.status - b.status);
    return { total: rows.reduce((sum, row) => sum + row.count, 0), by_route: rows };
  }

  validations(): { total: number; valid: number; invalid: number; by_error_code: Record<string, number> } {
    return { total: this.#valid + this.#invalid, valid: this.#valid, invalid: this.#invalid, by_error_code: Object.fromEntries(this.#byErrorCode) };
  }

  /** Forgets every count (test controls' reset); uptime goes on. */
  clear(): void {
    this.#requests = new Map();
    this.#valid = 0;
    this.#invalid = 0;
    this.#byErrorCode = new Map();
  }

  #countFailure(body: string | undefined): void {
    this.#invalid += 1;
    let code = 'unknown';
    try {
      const parsed = body === undefined ? undefined : (JSON.parse(body) as { error_code?: unknown });
      if (typeof parsed?.error_code === 'string') code = parsed.error_code;
    } catch {
      // Not JSON (an injected failure): counted as unknown.
    }
    this.#byErrorCode.set(code, (this.#byErrorCode.get(code) ?? 0) + 1);
  }
}
