// The package's local server (`hokusai-auth mock`) run by each server-side runtime, answering
// the SDK scenarios with the memory store, and keeping keys across a restart with a data file.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtSdk } from './harness/built-sdk';
import { startCliServer } from './harness/cli-server';
import { failedChecks } from './harness/rows';
import { WORK_DIR } from './harness/project';
import { RUNTIME_LABELS, runtimeForRow, type RuntimeId } from './harness/runtimes';
import { newAdminToken } from './harness/servers';
import { runSdkScenarios } from './scenarios/sdk-scenarios';

const SERVER_RUNTIMES: RuntimeId[] = ['node20', 'node22', 'node24', 'bun', 'deno'];

for (const id of SERVER_RUNTIMES) {
  describe(RUNTIME_LABELS[id], () => {
    it('server, memory store: SDK scenarios', async (context) => {
      const runtime = runtimeForRow(id);
      if ('skip' in runtime) return context.skip(runtime.skip);
      const adminToken = newAdminToken();
      const server = await startCliServer(id, runtime.command, adminToken, ['--memory', '--test-controls']);
      try {
        const results = await runSdkScenarios({ sdk: await builtSdk(), baseUrl: server.url, adminToken });
        expect(failedChecks(results)).toEqual([]);
      } finally {
        await server.stop();
      }
    });

    it('server, SQLite file: keys kept across a restart', async (context) => {
      const runtime = runtimeForRow(id);
      if ('skip' in runtime) return context.skip(runtime.skip);
      const { HokusaiAuth } = await builtSdk();
      const adminToken = newAdminToken();
      const options = ['--data', join(WORK_DIR, 'data', `restart-${id}.sqlite`)];
      const first = await startCliServer(id, runtime.command, adminToken, options);
      let apiKey: string;
      try {
        const auth = new HokusaiAuth({ baseUrl: first.url, adminToken, maxRetries: 0 });
        apiKey = (await auth.keys.create({ name: 'kept', service_id: 'prediction' })).api_key;
      } finally {
        await first.stop();
      }
      const second = await startCliServer(id, runtime.command, adminToken, options);
      try {
        const auth = new HokusaiAuth({ baseUrl: second.url, adminToken, maxRetries: 0 });
        const result = await auth.validate(apiKey, { service_id: 'prediction' });
        expect(result.is_valid ? 'valid' : result.error_code).toBe('valid');
      } finally {
        await second.stop();
      }
    });
  });
}
