/**
 * Bundle size of the client as a browser app would ship it: esbuild (bundle, minify, browser,
 * ESM) + gzip, for an entry that constructs HokusaiAuth and calls validate, next to openapi-fetch
 * alone. Fails (exit 1) over budget, or if the main entry pulls in zod or a Node built-in.
 *
 * Usage: npm run size
 */
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { kib } from './lib/units';

// 6.25 KiB: the client gained usage.debit, per-call onResponse and environment access that
// survives a runtime without it (Deno without --allow-env); the budget moves with a reason, not by default.
const BUDGET_BYTES = 6.25 * 1024;
const root = resolve(import.meta.dirname, '..');

const entries = {
  'HokusaiAuth + validate (@hokusai/auth)': `
    import { HokusaiAuth } from ${JSON.stringify(resolve(root, 'src/index.ts'))};
    const auth = new HokusaiAuth({ baseUrl: 'https://auth.hokus.ai' });
    auth.validate('hk_live_example', { service_id: 'prediction' }).then((r) => console.log(r.is_valid));
  `,
  'openapi-fetch alone (baseline)': `
    import createClient from 'openapi-fetch';
    const client = createClient({ baseUrl: 'https://auth.hokus.ai' });
    client.POST('/api/v1/keys/validate', { body: { service_id: 'prediction' } }).then((r) => console.log(r.data));
  `,
};

interface Row {
  name: string;
  minified: number;
  gzipped: number;
  inputs: string[];
}

async function measure(name: string, contents: string): Promise<Row> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'size-entry.ts' },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  return { name, minified: code.length, gzipped: gzipSync(code, { level: 9 }).length, inputs: Object.keys(result.metafile.inputs) };
}


const rows: Row[] = [];
for (const [name, contents] of Object.entries(entries)) rows.push(await measure(name, contents));
const [ours] = rows as [Row, Row];

console.log('| bundle | min | min+gzip | budget |');
console.log('|---|---:|---:|---:|');
for (const row of rows) {
  console.log(`| ${row.name} | ${kib(row.minified)} | ${kib(row.gzipped)} | ${row === ours ? `≤ ${kib(BUDGET_BYTES)}` : '–'} |`);
}

const problems: string[] = [];
if (ours.gzipped > BUDGET_BYTES) problems.push(`over budget: ${kib(ours.gzipped)} > ${kib(BUDGET_BYTES)}`);
const zod = ours.inputs.filter((input) => /node_modules\/zod\//.test(input));
if (zod.length) problems.push(`the main entry bundles zod (${zod[0]})`);
const nodeBuiltins = ours.inputs.filter((input) => input.startsWith('node:'));
if (nodeBuiltins.length) problems.push(`the main entry imports Node built-ins: ${nodeBuiltins.join(', ')}`);

if (problems.length) {
  for (const problem of problems) console.error(`size: ${problem}`);
  process.exit(1);
}
console.log(`\nsize: ok (${kib(ours.gzipped)} of ${kib(BUDGET_BYTES)}; ${(ours.gzipped / rows[1]!.gzipped).toFixed(2)}x openapi-fetch alone)`);
