// The SDK scenarios in a Cloudflare Worker on workerd (the Workers runtime), the SDK bundled in
// the Worker as wrangler bundles it, calling the local server over loopback.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { freePort, startProcess } from '../support/processes';
import { describeChecks } from './harness/rows';
import { childEnv } from './harness/processes';
import { WORKER_FILE } from './harness/project';
import { RUNTIME_LABELS, runtimeForRow } from './harness/runtimes';
import { startScenarioServer } from './harness/servers';
import { SDK_SCENARIOS, type ScenarioResult } from './scenarios/sdk-scenarios';

describeChecks(RUNTIME_LABELS.workerd, [...SDK_SCENARIOS, 'middleware: Hono'], async () => {
  const runtime = runtimeForRow('workerd');
  if ('skip' in runtime) return runtime;
  const port = await freePort();
  const config = join(dirname(WORKER_FILE), 'config.capnp');
  writeFileSync(config, workerdConfig(port));
  const server = await startScenarioServer();
  const worker = await startProcess(runtime.command, ['serve', config], {
    cwd: dirname(WORKER_FILE),
    env: childEnv(),
    ready: { health: `http://127.0.0.1:${port}`, path: '/', status: 405 },
    timeoutMs: 30_000,
  }).catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  try {
    const response = await fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      body: JSON.stringify({ baseUrl: server.url, adminToken: server.adminToken }),
    });
    if (!response.ok) throw new Error(`the Worker answered ${response.status}: ${await response.text()}\n${worker.output()}`);
    return ((await response.json()) as { results: Record<string, ScenarioResult> }).results;
  } finally {
    await Promise.all([worker.stop(), server.close()]);
  }
});

/** One Worker on 127.0.0.1:<port>; its outbound fetch may reach loopback (workerd allows only public addresses by default). */
function workerdConfig(port: number): string {
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .scenarios),
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);

const scenarios :Workerd.Worker = (
  modules = [(name = "worker.mjs", esModule = embed "worker.mjs")],
  compatibilityDate = "2026-01-01",
);
`;
}
