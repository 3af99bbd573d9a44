// How the doc test reads the README: which blocks run and how one is left out.
import { describe, expect, it } from 'vitest';
import { readmeBlocks } from './readme-blocks';

const fence = '```';

describe('readmeBlocks', () => {
  it('takes ts and sh blocks (and their aliases), not other languages', () => {
    const md = [`${fence}ts`, 'const a = 1;', fence, `${fence}bash`, 'echo hi', fence, `${fence}json`, '{}', fence, `${fence}`, 'tree', fence].join('\n');
    expect(readmeBlocks(md)).toEqual([
      { lang: 'ts', line: 1, code: 'const a = 1;' },
      { lang: 'sh', line: 4, code: 'echo hi' },
    ]);
  });

  it('leaves a block out only after an explicit skip marker with its reason', () => {
    const md = ['<!-- doc-test: skip (installs from the registry) -->', `${fence}sh`, 'npm i x', fence].join('\n');
    expect(readmeBlocks(md)).toEqual([{ lang: 'sh', line: 2, code: 'npm i x', skip: 'installs from the registry' }]);
  });

  it('refuses a marker it does not understand rather than dropping the block', () => {
    const md = ['<!-- doc-test: skp -->', `${fence}sh`, 'npm i x', fence].join('\n');
    expect(() => readmeBlocks(md)).toThrow(/unknown marker "skp"/);
  });
});
