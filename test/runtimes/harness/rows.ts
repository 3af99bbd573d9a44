// A runtime's column of the results table: a vitest `describe` named after the runtime, one test
// per check. The table reporter (table-reporter.ts) lays them out side by side.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../scenarios/sdk-scenarios';

declare module 'vitest' {
  interface TaskMeta {
    /** Time the shared run of a column took before its checks (read by the table reporter). */
    setupMs?: number;
  }
}

/** What one run of a runtime produced: a result per check, or why the runtime is not here. */
export type RunOutcome = Record<string, ScenarioResult> | { skip: string };

/**
 * Runs `produce` once (e.g. one process running every scenario) and reports each check as
 * a test of `label`: passed, failed with the scenario's detail, or skipped with the reason.
 *
 * @example
 * describeChecks('Bun', SDK_SCENARIOS, () => runSdkIn('bun'));
 */
export function describeChecks(label: string, checks: readonly string[], produce: () => Promise<RunOutcome>): void {
  describe(label, () => {
    let outcome: RunOutcome = {};
    let failure: unknown;
    let setupMs = 0;
    beforeAll(async () => {
      const started = performance.now();
      try {
        outcome = await produce();
      } catch (error) {
        failure = error;
      }
      setupMs = performance.now() - started;
    });
    for (const [index, check] of checks.entries()) {
      it(check, (context) => {
        if (index === 0) context.task.meta.setupMs = setupMs;
        if (failure !== undefined) throw failure;
        if (isSkip(outcome)) return context.skip(outcome.skip);
        expect(outcome[check] ?? { ok: false, detail: 'not run' }).toEqual({ ok: true });
      });
    }
  });
}

/** Failed checks of a run, as one line each (for a check that sums up a whole run). */
export function failedChecks(results: Record<string, ScenarioResult>): string[] {
  return Object.entries(results)
    .filter(([, result]) => !result.ok)
    .map(([name, result]) => `${name}: ${result.detail ?? 'failed'}`);
}

export function isSkip(outcome: RunOutcome): outcome is { skip: string } {
  return typeof (outcome as { skip?: unknown }).skip === 'string';
}
