// Shared pieces of the real-browser tests: a headless Chromium (driven by playwright-core, no
// Playwright browser download), a static file server on loopback, and an import map so a page
// can load the built bundle and its package imports as native ES modules.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, relative, resolve, sep } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { collectModuleGraph } from './module-graph';

/** The Chromium the tests drive: `CHROMIUM_PATH`, else Debian's package. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// The machine has no outside network: anything that phones home would only add delays.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Starts headless Chromium. Fails (never skips) with the fix when it is not installed.
 *
 * @example
 * const browser = await launchBrowser();
 * const page = await browser.newPage();
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Run \`npm run setup\` (installs Debian's chromium), ` +
        'or set CHROMIUM_PATH to a Chromium or Chrome executable.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 20_000 });
}

/**
 * Opens a page that records its uncaught errors and console errors, so a failing test can say
 * what went wrong inside the browser.
 *
 * @example
 * const { page, problems } = await openPage(browser);
 * await page.goto(url);
 * expect(problems).toEqual([]);
 */
export async function openPage(browser: Browser): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  return { page, problems };
}

/** A file served from memory. */
export interface StaticContent {
  body: string | Uint8Array;
  /** Default: from the path's extension. */
  type?: string;
  headers?: Record<string, string>;
}

/** A static server on loopback. */
export interface StaticServer {
  /** Origin, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  /** Paths requested so far, in order (handy to check what a page loaded). */
  requests: string[];
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * Serves files on `127.0.0.1` at a free port. A key ending in `/` mounts a directory at that URL
 * prefix; any other key serves one file (a path on disk, or content given inline). No CORS
 * headers: pages load it as their own origin.
 *
 * @example
 * const site = await serveStatic({ '/': { body: '<script type="module" src="/dist/index.js"></script>', type: 'text/html' }, '/dist/': distDir });
 * await page.goto(`${site.url}/`);
 */
export async function serveStatic(mounts: Record<string, string | StaticContent>): Promise<StaticServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    respond(mounts, path, req, res);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', done);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

function respond(mounts: Record<string, string | StaticContent>, path: string, req: IncomingMessage, res: ServerResponse) {
  const exact = mounts[path];
  if (exact !== undefined) {
    if (typeof exact === 'string') return sendFile(exact, res);
    const type = exact.type ?? CONTENT_TYPES[extname(path)] ?? 'application/octet-stream';
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store', ...exact.headers });
    return res.end(req.method === 'HEAD' ? undefined : exact.body);
  }
  // Longest directory prefix wins; a path may not climb out of its directory.
  const prefix = Object.keys(mounts)
    .filter((key) => key.endsWith('/') && typeof mounts[key] === 'string' && path.startsWith(key))
    .sort((a, b) => b.length - a.length)[0];
  if (prefix !== undefined) {
    const root = resolve(mounts[prefix] as string);
    const file = resolve(root, `.${sep}${path.slice(prefix.length)}`);
    if (file.startsWith(root + sep)) return sendFile(file, res);
  }
  res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
}

function sendFile(file: string, res: ServerResponse) {
  if (!existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    return;
  }
  const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(readFileSync(file));
}

/** A browser import map: bare specifiers to URLs, with scopes for nested node_modules. */
export interface ImportMap {
  imports: Record<string, string>;
  scopes?: Record<string, Record<string, string>>;
}

/**
 * An import map for every package the ES module `entry` imports (directly or through other
 * packages), pointing at files served from `nodeModulesDir` mounted at `urlPrefix`. A package
 * found in a nested node_modules is mapped in a scope, as Node would resolve it.
 *
 * @example
 * const map = importMapFor(join(dist, 'index.js'), join(root, 'node_modules'), '/node_modules/');
 * // { imports: { 'openapi-fetch': '/node_modules/openapi-fetch/dist/index.mjs' } }
 */
export function importMapFor(entry: string, nodeModulesDir: string, urlPrefix: string): ImportMap {
  const root = resolve(nodeModulesDir);
  const toUrl = (path: string) => urlPrefix + relative(root, path).split(sep).join('/');
  const map: Required<ImportMap> = { imports: {}, scopes: {} };
  for (const { specifier, file } of collectModuleGraph(entry, 'browser').packageImports) {
    if (file === undefined || !file.startsWith(root + sep)) {
      throw new Error(`'${specifier}' resolves outside ${root}: ${file}`);
    }
    // The folder whose node_modules holds the package decides where the mapping applies.
    const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
    const owner = file.slice(0, file.lastIndexOf(`${sep}node_modules${sep}${name.split('/').join(sep)}${sep}`));
    const table = owner === dirname(root) ? map.imports : (map.scopes[`${toUrl(owner)}/`] ??= {});
    const url = toUrl(file);
    if (table[specifier] !== undefined && table[specifier] !== url) {
      throw new Error(`'${specifier}' resolves to two files in one scope: ${table[specifier]}, ${url}`);
    }
    table[specifier] = url;
  }
  return Object.keys(map.scopes).length > 0 ? map : { imports: map.imports };
}

/**
 * A page that runs one ES module after an import map, so bare specifiers work without a bundler.
 *
 * @example
 * const html = modulePage({ imports: { 'openapi-fetch': '/node_modules/openapi-fetch/dist/index.mjs' } }, '/app.js');
 */
export function modulePage(importMap: ImportMap, moduleUrl: string, title = 'runtime test'): string {
  // `<` is escaped so no value can close the script element early.
  const map = JSON.stringify(importMap).replaceAll('<', '\\u003c');
  return [
    '<!doctype html>',
    `<html><head><meta charset="utf-8"><title>${title}</title>`,
    `<script type="importmap">${map}</script>`,
    `<script type="module" src="${moduleUrl}"></script>`,
    '</head><body></body></html>',
  ].join('\n');
}
