// The SDK scenarios against the package's msw handlers (msw/node intercepting fetch, no server)
// in a process of each server-side runtime.
import { describe, expect, it } from 'vitest';
import { lastJsonLine, runToEnd } from './harness/processes';
import { PROJECT_DIR } from './harness/project';
import { failedChecks } from './harness/rows';
import { RUNTIME_LABELS, runtimeForRow, scriptArgs, type RuntimeId } from './harness/runtimes';
import type { ScenarioResult } from './scenarios/sdk-scenarios';

const MSW_RUNTIMES: RuntimeId[] = ['node20', 'node22', 'node24', 'bun', 'deno'];

for (const id of MSW_RUNTIMES) {
  describe(RUNTIME_LABELS[id], () => {
    it('msw handlers: SDK scenarios', async (context) => {
      const runtime = runtimeForRow(id);
      if ('skip' in runtime) return context.skip(runtime.skip);
      // msw's logger reads its settings from the environment: Deno needs --allow-env, no network.
      const run = await runToEnd(runtime.command, scriptArgs(id, 'msw-entry.mjs', [], ['--allow-env']), { cwd: PROJECT_DIR });
      const { results } = lastJsonLine<{ results: Record<string, ScenarioResult> }>(run, RUNTIME_LABELS[id]);
      expect(failedChecks(results)).toEqual([]);
    });
  });
}
