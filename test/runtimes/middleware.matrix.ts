// The service middleware (`@hokusai/auth/middleware`) wherever its framework runs: Hono on every
// server-side runtime (workerd: workerd.matrix.ts), Express and Fastify on Node and Bun.
import { describe, expect, it } from 'vitest';
import { lastJsonLine, runToEnd } from './harness/processes';
import { PROJECT_DIR } from './harness/project';
import { RUNTIME_LABELS, runtimeForRow, scriptArgs, type RuntimeId } from './harness/runtimes';
import { startScenarioServer } from './harness/servers';
import type { MiddlewareFramework } from './scenarios/middleware-scenarios';
import type { ScenarioResult } from './scenarios/sdk-scenarios';

const FRAMEWORKS_ON: Record<Exclude<RuntimeId, 'workerd'>, MiddlewareFramework[]> = {
  node20: ['Hono', 'Express', 'Fastify'],
  node22: ['Hono', 'Express', 'Fastify'],
  node24: ['Hono', 'Express', 'Fastify'],
  bun: ['Hono', 'Express', 'Fastify'],
  deno: ['Hono'],
};

for (const [id, frameworks] of Object.entries(FRAMEWORKS_ON) as [keyof typeof FRAMEWORKS_ON, MiddlewareFramework[]][]) {
  describe(RUNTIME_LABELS[id], () => {
    for (const framework of frameworks) {
      it(`middleware: ${framework}`, async (context) => {
        const runtime = runtimeForRow(id);
        if ('skip' in runtime) return context.skip(runtime.skip);
        const server = await startScenarioServer();
        try {
          const args = scriptArgs(id, 'middleware-entry.mjs', [framework, server.url, server.adminToken]);
          const run = await runToEnd(runtime.command, args, { cwd: PROJECT_DIR });
          expect(lastJsonLine<{ result: ScenarioResult }>(run, `${framework} on ${RUNTIME_LABELS[id]}`).result).toEqual({ ok: true });
        } finally {
          await server.close();
        }
      });
    }
  });
}
