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
  return usable([env.HOKUSAI_ADMIN_TOKEN, ...flagValues(argv, 'admin-token')]);
}

/**
 * Every secret this run could know and must never print: the admin tokens, the access tokens
 * (`HOKUSAI_ACCESS_TOKEN`, `--access-token`) and the private key `login --private-key-env` reads.
 *
 * @example
 * const io = processIo(secretsIn(process.argv.slice(2), process.env));
 */
export function secretsIn(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): string[] {
  const privateKeys = flagValues(argv, 'private-key-env').map((name) => (name ? env[name.trim()] : undefined));
  return [
    ...adminTokensIn(argv, env),
    ...usable([env.HOKUSAI_ACCESS_TOKEN, ...flagValues(argv, 'access-token'), ...privateKeys]),
  ];
}

/** The values given to `--name` (as `--name value` or `--name=value`). */
function flagValues(argv: readonly string[], name: string): (string | undefined)[] {
  const values: (string | undefined)[] = [];
  argv.forEach((arg, index) => {
    if (arg === `--${name}`) values.push(argv[index + 1]);
    else if (arg.startsWith(`--${name}=`)) values.push(arg.slice(name.length + 3));
  });
  return values;
}

function usable(tokens: readonly (string | undefined)[]): string[] {
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
 * const io = processIo(secretsIn(process.argv.slice(2), process.env));
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
