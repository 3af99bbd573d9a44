// Runs a file of examples/ the way its header says (`npx tsx examples/x.ts`) as a child
// process, with the stub server's URL and token in its environment.
import { spawn } from 'node:child_process';
import { ROOT, startProcess, type StartedProcess } from '../support/processes';

/** The environment of an example: this process's, minus any Hokusai settings, plus `env`. */
function exampleEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('HOKUSAI_') && name !== 'PORT'));
  return { ...base, ...env };
}

/**
 * Runs an example that does its work and exits; resolves with its exit code and output.
 *
 * @example
 * const { code, stdout } = await runExample('examples/quickstart.ts', { HOKUSAI_AUTH_URL: url });
 */
export function runExample(file: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('npx', ['tsx', file], { cwd: ROOT, env: exampleEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/**
 * Starts an example that serves (in its own process group) and resolves once it printed its URL.
 *
 * @example
 * const service = await startExampleService('examples/protect-a-service.ts', { HOKUSAI_AUTH_URL: url, PORT: '0' });
 * await fetch(`${service.url}/v1/predict`);
 * await service.stop();
 */
export function startExampleService(file: string, env: Record<string, string>): Promise<StartedProcess> {
  return startProcess('npx', ['tsx', file], { env: exampleEnv(env), group: true, ready: { printed: /http:\/\/127\.0\.0\.1:\d+/ } });
}
