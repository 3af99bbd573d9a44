// Node only: one server per data file. Two processes on one SQLite file would each keep their
// own rate-limit windows (twice the limit) and their own idempotency replays, so the second
// one refuses to start. The lock is a file beside the database holding the owner's pid; a lock
// left by a process that no longer runs is taken over.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';

/**
 * Thrown when another running process owns the data file; the message is one line naming the
 * file and that process's pid.
 *
 * @example
 * try { acquireOwnerLock(file); } catch (e) { if (e instanceof DataFileInUseError) console.error(e.message); }
 */
export class DataFileInUseError extends Error {
  override readonly name = 'DataFileInUseError';
  constructor(
    readonly dataFile: string,
    readonly ownerPid: number,
  ) {
    super(
      `${dataFile} is in use by another hokusai-auth server (pid ${ownerPid}); stop it, or use another --data file ` +
        `(if no such process is yours, delete ${lockPathOf(dataFile)})`,
    );
  }
}

/**
 * A held lock on a data file.
 *
 * @example
 * const lock = acquireOwnerLock('.hokusai-auth/hokusai-auth.sqlite');
 * lock.release();
 */
export interface OwnerLock {
  readonly path: string;
  /** Removes the lock file if it is still ours. */
  release(): void;
}

/**
 * The lock file of a data file.
 *
 * @example
 * lockPathOf('.hokusai-auth/hokusai-auth.sqlite'); // '.hokusai-auth/hokusai-auth.sqlite.lock'
 */
export function lockPathOf(dataFile: string): string {
  return `${dataFile}.lock`;
}

/**
 * Takes the data file for this process, or throws `DataFileInUseError` when a live process
 * holds it. The lock file is created with mode 0600.
 *
 * @example
 * const lock = acquireOwnerLock(dataFile);
 * try { serve(); } finally { lock.release(); }
 */
export function acquireOwnerLock(dataFile: string): OwnerLock {
  const path = lockPathOf(dataFile);
  const mine = `${process.pid}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      try {
        writeSync(fd, mine);
      } finally {
        closeSync(fd);
      }
      return { path, release: () => removeIfMine(path, mine) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const text = readOrEmpty(path);
    const owner = Number.parseInt(text, 10);
    if (Number.isInteger(owner) && owner > 0 && isRunning(owner)) throw new DataFileInUseError(dataFile, owner);
    // Stale (its process is gone) or unreadable: take it over, unless it changed meanwhile.
    if (readOrEmpty(path) === text) removeQuietly(path);
  }
  throw new Error(`Could not take the lock ${path}: it keeps changing; is another server starting on ${dataFile}?`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

function removeIfMine(path: string, mine: string): void {
  if (readOrEmpty(path) === mine) removeQuietly(path);
}
