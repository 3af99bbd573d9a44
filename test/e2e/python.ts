// The Python the end-to-end tests run: one that has `requests`.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A python3 that has `requests` (the seed's prerequisite): Debian's, or the one on PATH. */
export async function pythonWithRequests(): Promise<string> {
  for (const python of ['/usr/bin/python3', 'python3']) {
    const ok = await run(python, ['-c', 'import requests']).then(
      () => true,
      () => false,
    );
    if (ok) return python;
  }
  throw new Error('No python3 with the requests module: run `npm run setup` (installs python3-requests)');
}
