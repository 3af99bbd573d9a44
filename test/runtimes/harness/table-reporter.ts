// Prints the runtime matrix as one table after the run: a row per check, a column per runtime
// (each `describe` of the *.matrix.ts files is a runtime, each test in it a check).
import type { Reporter, TestModule } from 'vitest/node';
import { SDK_SCENARIOS } from '../scenarios/sdk-scenarios';

const COLUMNS = ['Node 20', 'Node 22', 'Node 24', 'Bun', 'Deno', 'workerd', 'Chromium'];
const MARK = { passed: 'ok', failed: 'FAIL', skipped: 'skip', pending: '…' } as const;

type Cell = { mark: string; note?: string };

/**
 * The results table reporter of `npm run test:runtimes`.
 *
 * @example
 * // vitest.runtimes.config.ts
 * reporters: ['default', './test/runtimes/harness/table-reporter.ts'],
 */
export default class RuntimeTableReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const cells = new Map<string, Map<string, Cell>>();
    const seconds = new Map<string, number>();
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const column = test.parent.type === 'suite' ? test.parent.name : '';
        const ms = (test.diagnostic()?.duration ?? 0) + (test.meta().setupMs ?? 0);
        seconds.set(column, (seconds.get(column) ?? 0) + ms / 1000);
        const result = test.result();
        const row = cells.get(test.name) ?? new Map<string, Cell>();
        const note = result.state === 'skipped' ? result.note : undefined;
        row.set(column, { mark: MARK[result.state], ...(note ? { note } : {}) });
        cells.set(test.name, row);
      }
    }
    process.stdout.write(`\n${renderTable(cells, seconds)}\n`);
  }
}

function renderTable(cells: Map<string, Map<string, Cell>>, seconds: Map<string, number>): string {
  const columns = [...COLUMNS, ...new Set([...cells.values()].flatMap((row) => [...row.keys()]))].filter(
    (column, index, all) => all.indexOf(column) === index && [...cells.values()].some((row) => row.has(column)),
  );
  const rows = [...cells.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const notes = new Set<string>();
  const body = rows.map((name) => [
    name,
    ...columns.map((column) => {
      const cell = cells.get(name)?.get(column);
      if (cell?.note) notes.add(`${column}: ${cell.note}`);
      return cell?.mark ?? '·';
    }),
  ]);
  body.push(['time (s)', ...columns.map((column) => (seconds.get(column) ?? 0).toFixed(1))]);
  const header = ['check', ...columns];
  const widths = header.map((title, i) => Math.max(title.length, ...body.map((line) => line[i]!.length)));
  const line = (values: string[]) => values.map((value, i) => value.padEnd(widths[i]!)).join('  ').trimEnd();
  const counts = { ok: 0, FAIL: 0, skip: 0 } as Record<string, number>;
  for (const lineCells of body.slice(0, -1)) for (const mark of lineCells.slice(1)) counts[mark] = (counts[mark] ?? 0) + 1;
  return [
    'Runtime matrix (ok = passed, FAIL = failed, skip = not on this platform, · = not applicable)',
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...body.map(line),
    '',
    `${counts.ok ?? 0} passed, ${counts.FAIL ?? 0} failed, ${counts.skip ?? 0} skipped`,
    ...[...notes].map((note) => `skipped — ${note}`),
  ].join('\n');
}

/** SDK scenarios first, in their order; the other checks after them. */
function rank(name: string): number {
  const index = (SDK_SCENARIOS as readonly string[]).indexOf(name);
  return index === -1 ? SDK_SCENARIOS.length : index;
}
