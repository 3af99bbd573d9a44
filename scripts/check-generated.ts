/**
 * Fails (exit 1) with a readable diff when `generated/` is not what `npm run generate`
 * would write from the current spec — i.e. someone edited the spec without regenerating,
 * or edited a generated file by hand.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generate } from './generate';

const committed = resolve('generated');
const fresh = await mkdtemp(join(tmpdir(), 'hokusai-generated-'));
try {
  await generate(fresh);
  const names = [...new Set([...(await readdir(committed).catch(() => [])), ...(await readdir(fresh))])].sort();
  let stale = 0;
  for (const name of names) {
    // `diff -u` exits 1 on a difference and prints it; 2 means a file is missing.
    const result = spawnSync('diff', ['-u', '--label', `generated/${name} (committed)`, '--label', `generated/${name} (from spec)`, join(committed, name), join(fresh, name)], { encoding: 'utf8' });
    if (result.status !== 0) {
      stale++;
      console.error(result.stdout || result.stderr || `generated/${name}: missing on one side`);
    }
  }
  if (stale > 0) {
    console.error(`\ngenerated/ is stale: ${stale} file(s) differ from the spec. Run \`npm run generate\` and commit the result.`);
    process.exitCode = 1;
  } else {
    console.log(`generated/ is up to date with the spec (${names.length} files).`);
  }
} finally {
  await rm(fresh, { recursive: true, force: true });
}
