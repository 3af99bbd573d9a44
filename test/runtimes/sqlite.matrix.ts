// The runtime's own SQLite under SqliteStore: the backend each runtime picks by itself, and one
// data file handed from runtime to runtime, each reading every key the others wrote.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SqliteDriverName } from '../../src/server/node';
import { builtSdk } from './harness/built-sdk';
import { startCliServer } from './harness/cli-server';
import { childEnv, lastJsonLine, runToEnd, type Finished } from './harness/processes';
import { PROJECT_DIR, WORK_DIR } from './harness/project';
import { RUNTIME_LABELS, runtimeForRow, scriptArgs, type RuntimeId } from './harness/runtimes';
import { newAdminToken } from './harness/servers';
import { ROOT } from '../runtime/built-package';

interface JsonReport {
  testResults: { assertionResults: { ancestorTitles: string[]; fullName: string; status: string }[] }[];
}

function readJsonReport(file: string, run: Finished): JsonReport {
  if (!existsSync(file)) throw new Error(`vitest wrote no report (exit ${run.code}):\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`);
  return JSON.parse(readFileSync(file, 'utf8')) as JsonReport;
}

const EXPECTED_BACKEND: Record<Exclude<RuntimeId, 'workerd'>, SqliteDriverName> = {
  node20: 'better-sqlite3',
  node22: 'node:sqlite',
  node24: 'node:sqlite',
  bun: 'bun:sqlite',
  deno: 'node:sqlite',
};

// Written first by bun:sqlite, read and extended by node:sqlite (Deno, Node 22, Node 24), and
// read last by better-sqlite3 (Node 20).
const HAND_OVER_ORDER: (keyof typeof EXPECTED_BACKEND)[] = ['bun', 'deno', 'node22', 'node24', 'node20'];
const SHARED_FILE = join(WORK_DIR, 'data', 'shared.sqlite');
const SHARED_TOKEN = newAdminToken();
const written: { by: string; apiKey: string }[] = [];

for (const id of HAND_OVER_ORDER) {
  const label = RUNTIME_LABELS[id];
  describe(label, () => {
    it('SQLite: backend picked by default', async (context) => {
      const runtime = runtimeForRow(id);
      if ('skip' in runtime) return context.skip(runtime.skip);
      const run = await runToEnd(runtime.command, scriptArgs(id, 'sqlite-entry.mjs', [], []), { cwd: PROJECT_DIR });
      expect(lastJsonLine(run, label)).toEqual({ driver: EXPECTED_BACKEND[id], found: 'backend check' });
      expect(run.stderr).not.toMatch(/ExperimentalWarning/);
    });

    it('SQLite: Store contract on that backend', async (context) => {
      const runtime = runtimeForRow(id);
      if ('skip' in runtime) return context.skip(runtime.skip);
      const report = join(WORK_DIR, `store-contract-${id}.json`);
      const vitest = ['node_modules/vitest/vitest.mjs', 'run', 'test/server/store/store-backends.test.ts', '--typecheck.enabled=false'];
      const args = scriptArgs(id, vitest[0]!, [...vitest.slice(1), '--reporter=json', `--outputFile=${report}`], ['--allow-all']);
      // Without CI, the nested vitest keeps off reports/vitest.json (the main suite's report in CI).
      const env = childEnv();
      delete env.CI;
      const run = await runToEnd(runtime.command, args, { cwd: ROOT, env, timeoutMs: 300_000 });
      const tests = readJsonReport(report, run).testResults.flatMap((file) => file.assertionResults);
      const onBackend = tests.filter((test) => test.ancestorTitles.some((title) => title.startsWith(`SqliteStore on ${EXPECTED_BACKEND[id]}`)));
      expect(tests.filter((test) => test.status !== 'passed').map((test) => test.fullName)).toEqual([]);
      expect(onBackend.length).toBeGreaterThan(5);
    });

    it('SQLite: reads a data file other backends wrote', async (context) => {
      const runtime = runtimeForRow(id);
      if ('skip' in runtime) return context.skip(runtime.skip);
      const { HokusaiAuth } = await builtSdk();
      const server = await startCliServer(id, runtime.command, SHARED_TOKEN, ['--data', SHARED_FILE]);
      try {
        const auth = new HokusaiAuth({ baseUrl: server.url, adminToken: SHARED_TOKEN, maxRetries: 0 });
        const seen: string[] = [];
        for (const { by, apiKey } of written) {
          const result = await auth.validate(apiKey);
          seen.push(`${by}: ${result.is_valid ? 'valid' : result.error_code}`);
        }
        expect(seen).toEqual(written.map(({ by }) => `${by}: valid`));
        const created = await auth.keys.create({ name: `written by ${label}`, service_id: 'prediction' });
        written.push({ by: label, apiKey: created.api_key });
      } finally {
        await server.stop();
      }
    });
  });
}
