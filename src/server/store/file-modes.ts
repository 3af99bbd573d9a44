// Node only: the data folder and files are private to their owner (they hold the HMAC secret
// keys are hashed with), whatever the umask: folder 0700, files 0600.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';

const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;
/** Files SQLite keeps beside the database, and the owner lock. */
const COMPANIONS = ['-wal', '-shm', '-journal', '.lock'];

/**
 * Before opening: creates the missing folders 0700 and the database file 0600. An existing
 * folder that holds only this data file (and its companions) is set to 0700 too; any other
 * folder is left as it is (it may be a project folder) but reported when others can read it.
 * Returns those warnings, one line each.
 *
 * @example
 * for (const warning of prepareDataFile('.hokusai-auth/hokusai-auth.sqlite')) console.warn(warning);
 */
export function prepareDataFile(dataFile: string): string[] {
  const dir = dirname(dataFile);
  const warnings: string[] = [];
  if (existsSync(dir)) {
    const mode = statSync(dir).mode & 0o777;
    const onlyOurs = readdirSync(dir).every((name) => name.startsWith(basename(dataFile)));
    if ((mode & 0o077) !== 0 && onlyOurs) {
      chmodSync(dir, PRIVATE_DIR);
    } else if ((mode & 0o077) !== 0) {
      warnings.push(`Warning: ${dir} (holding the data file) is mode ${octal(mode)}; other local users can list it (chmod 700 ${dir})`);
    }
  } else {
    const first = mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
    // mkdir's mode is reduced by the umask: set it exactly on every folder made here.
    for (let made = dir; first !== undefined; made = dirname(made)) {
      chmodSync(made, PRIVATE_DIR);
      if (made === first || made === dirname(made)) break;
    }
  }
  if (!existsSync(dataFile)) closeSync(openSync(dataFile, 'a', PRIVATE_FILE));
  makePrivate(dataFile);
  return warnings;
}

/**
 * Sets 0600 on the database file and the files beside it that exist (WAL, shared memory, lock).
 *
 * @example
 * makeDataFilesPrivate(dataFile); // after the store opened the file and made its -wal/-shm
 */
export function makeDataFilesPrivate(dataFile: string): void {
  makePrivate(dataFile);
  for (const suffix of COMPANIONS) makePrivate(`${dataFile}${suffix}`);
}

function makePrivate(file: string): void {
  if (existsSync(file) && (statSync(file).mode & 0o777) !== PRIVATE_FILE) chmodSync(file, PRIVATE_FILE);
}

function octal(mode: number): string {
  return `0${mode.toString(8)}`;
}
