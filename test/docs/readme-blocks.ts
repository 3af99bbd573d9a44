// The README's code blocks, as the doc test runs them. Every ```ts and ```sh block is taken;
// a block is left out only when the line right before its fence is an explicit, visible marker:
//   <!-- doc-test: skip (why it cannot run here) -->
import { readFileSync } from 'node:fs';

/** A runnable block of the README. */
export interface ReadmeBlock {
  lang: 'ts' | 'sh';
  /** 1-based line of the opening fence. */
  line: number;
  code: string;
  /** Why it is not run (the marker's text), when it is marked. */
  skip?: string;
}

const RUN_LANGS: Record<string, ReadmeBlock['lang']> = { ts: 'ts', typescript: 'ts', sh: 'sh', bash: 'sh', shell: 'sh' };
const MARKER = /^<!--\s*doc-test:\s*(.*?)\s*-->$/;

/**
 * Every ts/sh block of a Markdown text, in order. Throws on a marker it does not understand,
 * so a typo cannot silently drop a block.
 *
 * @example
 * readmeBlocks(readFileSync('README.md', 'utf8')).filter((block) => !block.skip);
 */
export function readmeBlocks(markdown: string): ReadmeBlock[] {
  const lines = markdown.split('\n');
  const blocks: ReadmeBlock[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const fence = /^```(\w*)\s*$/.exec(lines[i]!);
    if (!fence) continue;
    const end = lines.findIndex((l, j) => j > i && l.startsWith('```'));
    if (end === -1) throw new Error(`README line ${i + 1}: the code block is never closed`);
    const lang = RUN_LANGS[fence[1]!];
    if (lang) {
      const marker = MARKER.exec(lines[i - 1]?.trim() ?? '');
      const block: ReadmeBlock = { lang, line: i + 1, code: lines.slice(i + 1, end).join('\n') };
      if (marker) {
        const skip = /^skip\s*\((.+)\)$/.exec(marker[1]!);
        if (!skip) throw new Error(`README line ${i}: unknown marker "${marker[1]}" (only "doc-test: skip (reason)")`);
        block.skip = skip[1]!;
      }
      blocks.push(block);
    }
    i = end;
  }
  return blocks;
}

/**
 * The README of the repository.
 *
 * @example
 * const blocks = readmeBlocks(readme());
 */
export function readme(): string {
  return readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
}

/**
 * A block's name in test output: its line and first line of code.
 *
 * @example
 * blockName({ lang: 'sh', line: 3, code: 'npm ci' }); // 'README:3 sh: npm ci'
 */
export function blockName(block: ReadmeBlock): string {
  const first = block.code.split('\n').find((l) => l.trim() !== '' && !l.trim().startsWith('//') && !l.trim().startsWith('#')) ?? '';
  return `README:${block.line} ${block.lang}: ${first.trim().slice(0, 70)}`;
}
