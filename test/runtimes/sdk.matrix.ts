// The SDK scenarios (scenarios/sdk-scenarios.ts) in a process of each server-side runtime,
// importing the built package by its name from a project's node_modules.
import { describeChecks } from './harness/rows';
import { lastJsonLine, runToEnd } from './harness/processes';
import { PROJECT_DIR } from './harness/project';
import { RUNTIME_LABELS, runtimeForRow, scriptArgs, type RuntimeId } from './harness/runtimes';
import { startScenarioServer } from './harness/servers';
import { SDK_SCENARIOS, type ScenarioResult } from './scenarios/sdk-scenarios';
import { FULL_API_KEY } from '../runtime/built-package';

const PROCESS_RUNTIMES: RuntimeId[] = ['node20', 'node22', 'node24', 'bun', 'deno'];

for (const id of PROCESS_RUNTIMES) {
  describeChecks(RUNTIME_LABELS[id], SDK_SCENARIOS, async () => {
    const runtime = runtimeForRow(id);
    if ('skip' in runtime) return runtime;
    const server = await startScenarioServer();
    try {
      const run = await runToEnd(runtime.command, scriptArgs(id, 'sdk-entry.mjs', [server.url, server.adminToken]), { cwd: PROJECT_DIR });
      const output = run.stdout + run.stderr;
      if (output.includes(server.adminToken) || FULL_API_KEY.test(output)) throw new Error(`${RUNTIME_LABELS[id]} printed a secret`);
      return lastJsonLine<{ results: Record<string, ScenarioResult> }>(run, RUNTIME_LABELS[id]).results;
    } finally {
      await server.close();
    }
  });
}
