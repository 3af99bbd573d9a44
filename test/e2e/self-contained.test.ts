// A clone must test green with nothing beside it: no tracked file may point outside the repository.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SEED_FILE } from './seed-quickstart';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// The folder the quickstart used to be read from, beside the clone.
const OUTSIDE = /\.\.\/shared\b|\/work\/|shared\/seed\//;
// .ci/run checks that folder is absent; this file names it to look for it.
const NAMING_IT = new Set(['.ci/run', 'test/e2e/self-contained.test.ts']);

describe('the repository is self-contained', () => {
  it('keeps the quickstart fixture inside test/', () => {
    expect(SEED_FILE.startsWith(join(ROOT, 'test'))).toBe(true);
    expect(readFileSync(SEED_FILE, 'utf8')).toContain('curl -X POST https://auth.hokus.ai/api/v1/keys');
  });

  it('has no tracked file that reads a sibling folder of the clone', () => {
    const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((file) => (/\.(ts|mts|js|mjs|cjs|sh|json|yaml)$/.test(file) || file.startsWith('.ci/')) && !NAMING_IT.has(file));
    const offenders = files.filter((file) => {
      try {
        return OUTSIDE.test(readFileSync(join(ROOT, file), 'utf8'));
      } catch {
        return false; // deleted in the working tree
      }
    });
    expect(offenders).toEqual([]);
  });
});
