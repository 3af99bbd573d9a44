/**
 * Where the CLI reads and writes: the real process, or a stand-in.
 *
 * @example
 * const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: async () => '', env: {} };
 */
export interface CliIo {
  /** Writes text to standard output (no newline is added). */
  stdout(text: string): void;
  /** Writes text to standard error (no newline is added). */
  stderr(text: string): void;
  /** Reads all of standard input (used by `validate -`). */
  readStdin(): Promise<string>;
  /** Environment variables the CLI reads (`HOKUSAI_AUTH_URL`, `HOKUSAI_ADMIN_TOKEN`, `PORT`). */
  env: Readonly<Record<string, string | undefined>>;
}

// Shorter values are not scrubbed: replacing a 3-letter token everywhere would garble output
// (and no usable admin token is that short).
const MIN_SCRUBBED_LENGTH = 8;
const MASK = '***';

/**
 * The admin tokens this run could know: from `HOKUSAI_ADMIN_TOKEN` and any `--admin-token`
 * flag. The CLI never prints them; scrubbing them from every write is the safety net.
 *
 * @example
 * adminTokensIn(['keys', 'list', '--admin-token', 's3cret-token'], {}); // ['s3cret-token']
 */
export function adminTokensIn(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): string[] {
  const tokens = [env.HOKUSAI_ADMIN_TOKEN];
  argv.forEach((arg, index) => {
    if (arg === '--admin-token') tokens.push(argv[index + 1]);
    else if (arg.startsWith('--admin-token=')) tokens.push(arg.slice('--admin-token='.length));
  });
  return tokens.flatMap((token) => {
    const trimmed = token?.trim();
    return trimmed && trimmed.length >= MIN_SCRUBBED_LENGTH ? [trimmed] : [];
  });
}

/**
 * `text` with every secret replaced by `***`.
 *
 * @example
 * scrub('token s3cret-token', ['s3cret-token']); // 'token ***'
 */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(MASK);
  return out;
}

/**
 * The real process's streams and environment, with the given secrets scrubbed from all output.
 *
 * @example
 * const io = processIo(adminTokensIn(process.argv.slice(2), process.env));
 */
export function processIo(secrets: readonly string[]): CliIo {
  return {
    stdout: (text) => process.stdout.write(scrub(text, secrets)),
    stderr: (text) => process.stderr.write(scrub(text, secrets)),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    env: process.env,
  };
}
