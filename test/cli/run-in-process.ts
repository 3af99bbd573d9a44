// Runs the CLI in this process (same dispatcher as the bin, no child process), for the many
// short command lines of the registration tests. A few tests still spawn the built bin.
import { runCli as run } from '../../src/cli/run';

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `hokusai-auth ...args` with `env` as its whole environment. */
export async function cli(args: readonly string[], env: Record<string, string> = {}): Promise<InProcessResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readStdin: async () => '',
    env,
  });
  return { code, stdout, stderr };
}
