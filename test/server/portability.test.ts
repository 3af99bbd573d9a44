// `./server` must run in browsers and msw: bundling it for the browser needs no Node built-in.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const entry = (path: string) => fileURLToPath(new URL(`../../src/server/${path}`, import.meta.url));

describe('the portable server entry', () => {
  it('bundles for the browser without any Node built-in', async () => {
    const result = await build({
      entryPoints: [entry('index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      metafile: true,
    });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((file) => /better-sqlite3|@hono\/node-server|node-hasher|store\/sqlite/.test(file))).toEqual([]);
    expect(inputs.some((file) => file.includes('src/server/app.ts'))).toBe(true);
  });

  it('keeps SQLite and the TCP listener behind the Node entry', async () => {
    const result = await build({
      entryPoints: [entry('node.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    }).catch((error: { errors?: { text: string }[] }) => error);
    // Bundling the Node entry for a browser must fail on Node built-ins: proof they live there.
    expect('errors' in result && (result.errors ?? []).some((e) => /node:/.test(e.text))).toBe(true);
  });
});
