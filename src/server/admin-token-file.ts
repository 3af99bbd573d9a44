// Node only: the dev admin token kept beside the SQLite file, so a restart keeps the token a
// user exported. Written with mode 0600 (owner only), like an SSH key.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomSecretHex } from './store/random-secret';

/** The token and where it came from. */
export interface KeptAdminToken {
  token: string;
  /** The file it is kept in. */
  file: string;
  /** True when this call made it (first start, or `rotate`). */
  created: boolean;
}

/**
 * Where the admin token of a data file is kept: `admin-token` in the data file's folder.
 *
 * @example
 * adminTokenFileFor('.hokusai-auth/hokusai-auth.sqlite'); // '.hokusai-auth/admin-token'
 */
export const adminTokenFileFor = (dataFile: string): string => join(dirname(dataFile), 'admin-token');

/**
 * The admin token kept for `dataFile`: read from its file, or (first start, or `rotate`)
 * generated and written there with mode 0600. Throws with the fix when the file holds no
 * usable token.
 *
 * @example
 * const { token, created } = keptAdminToken('.hokusai-auth/hokusai-auth.sqlite');
 */
export function keptAdminToken(dataFile: string, options: { rotate?: boolean } = {}): KeptAdminToken {
  const file = adminTokenFileFor(dataFile);
  if (!options.rotate && existsSync(file)) {
    const token = readFileSync(file, 'utf8').trim();
    if (token === '' || /\s/.test(token)) {
      throw new Error(`${file} does not hold a token (one line, no spaces): delete it or start with --rotate-admin-token`);
    }
    // A copy or an editor may have widened it: only the owner may read a token.
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    return { token, file, created: false };
  }
  const token = randomSecretHex(32);
  mkdirSync(dirname(file), { recursive: true });
  // Written aside and renamed: a reader never sees half a token.
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, `${token}\n`, { mode: 0o600 });
  renameSync(partial, file);
  return { token, file, created: true };
}
