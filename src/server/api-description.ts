// Node only: the server describes itself. GET /openapi.yaml and /openapi.json serve the spec,
// /docs the API reference rendered from it at build time (`redocly build-docs`: one HTML file,
// everything inline, no CDN), and / a page linking them and the quickstart. Answered in front
// of the app, like the request log, because they are files of the package rather than API.
import { existsSync, readFileSync } from 'node:fs';
import type { RequestListener, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { SECURITY_HEADERS } from './middleware/security-headers';

/**
 * The texts served; a missing one (the package not built yet) answers 503 with the fix.
 *
 * @example
 * const description: ApiDescription = { yaml: 'openapi: 3.1.0 …', json: '{"openapi":"3.1.0"}' };
 */
export interface ApiDescription {
  yaml?: string;
  json?: string;
  docsHtml?: string;
}

/** Where the build writes the spec as JSON and the reference page, under the package root. */
export const BUILT_SPEC_JSON = 'dist/openapi.json';
export const BUILT_DOCS_HTML = 'dist/docs/index.html';
const SPEC_YAML = 'spec/hokusai-auth.openapi.yaml';

/**
 * Reads the spec and the built pages from a package root (a clone, or node_modules/@hokusai/auth).
 *
 * @example
 * const description = readApiDescription(fileURLToPath(new URL('../..', import.meta.url)));
 */
export function readApiDescription(packageRoot: string): ApiDescription {
  const read = (file: string) => (existsSync(join(packageRoot, file)) ? readFileSync(join(packageRoot, file), 'utf8') : undefined);
  const description: ApiDescription = {};
  const yaml = read(SPEC_YAML);
  const json = read(BUILT_SPEC_JSON);
  const docsHtml = read(BUILT_DOCS_HTML);
  if (yaml !== undefined) description.yaml = yaml;
  if (json !== undefined) description.json = json;
  if (docsHtml !== undefined) description.docsHtml = docsHtml;
  return description;
}

// The reference page runs its own inline script and styles, and a search worker from a blob;
// nothing is loaded from elsewhere. The index page has no script at all.
const DOCS_CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:; worker-src blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const INDEX_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

interface Page {
  type: string;
  body: (host: string) => string | undefined;
  csp?: string;
}

/**
 * `listener` with the description's paths answered first (GET and HEAD; another method is 405).
 *
 * @example
 * createServer(withApiDescription(listener, readApiDescription(packageRoot)));
 */
export function withApiDescription(listener: RequestListener, description: ApiDescription): RequestListener {
  const pages: Record<string, Page> = {
    '/openapi.yaml': { type: 'application/yaml; charset=utf-8', body: () => description.yaml },
    '/openapi.json': { type: 'application/json; charset=utf-8', body: () => description.json },
    '/docs': { type: 'text/html; charset=utf-8', body: () => description.docsHtml, csp: DOCS_CSP },
    '/': { type: 'text/html; charset=utf-8', body: indexPage, csp: INDEX_CSP },
  };
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const page = Object.hasOwn(pages, path) ? pages[path] : undefined;
    if (!page) return listener(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, 405, 'application/json', JSON.stringify({ detail: 'Method not allowed' }), { allow: 'GET, HEAD' });
    }
    const body = page.body(safeHost(req.headers.host));
    if (body === undefined) {
      const detail = `${path} is made by the build: run \`npm run build\` in the package, then restart the server`;
      return send(res, 503, 'application/json', JSON.stringify({ detail }));
    }
    send(res, 200, page.type, req.method === 'HEAD' ? '' : body, {
      ...(page.csp ? { 'content-security-policy': page.csp } : {}),
      // The spec is public: browser tools on other origins may read it.
      ...(path.startsWith('/openapi.') ? { 'access-control-allow-origin': '*' } : {}),
      ...(req.method === 'HEAD' ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
    });
  };
}

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  const all: Record<string, string> = {};
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) all[name.toLowerCase()] = value;
  Object.assign(all, { 'content-type': type, 'cache-control': 'no-store' }, headers);
  res.writeHead(status, all);
  res.end(body);
}

/** The Host header when it is a plain host[:port], else the loopback default (it goes into HTML). */
function safeHost(host: string | undefined): string {
  return host !== undefined && /^[A-Za-z0-9.\-[\]:]{1,255}$/.test(host) ? host : '127.0.0.1:8787';
}

/** `/`: what this server is, links to the description, and the quickstart's three steps for this host. */
function indexPage(host: string): string {
  const base = `http://${host}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Hokusai auth server (local)</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}pre{background:#f4f4f4;padding:1rem;overflow:auto}</style>
</head><body>
<h1>Hokusai auth server (local)</h1>
<p>A local, stateful Hokusai authentication service for development and tests.</p>
<ul>
<li><a href="/docs">API reference</a> (rendered from the OpenAPI spec)</li>
<li><a href="/openapi.json">OpenAPI spec as JSON</a> · <a href="/openapi.yaml">as YAML</a></li>
<li><a href="#quickstart">Quickstart</a></li>
</ul>
<h2 id="quickstart">Quickstart</h2>
<p>Step 1: create a key with the admin token (the one the server printed when it started;
<code>YOUR_ADMIN_TOKEN</code> with <code>--quickstart</code>).</p>
<pre>curl -X POST ${base}/api/v1/keys \\
-H "Authorization: Bearer YOUR_ADMIN_TOKEN" \\
-H "Content-Type: application/json" \\
-d '{"name": "My First Key", "service_id": "prediction", "scopes": ["predict"], "environment": "test"}'</pre>
<p>Step 2: validate the key that step 1 returned.</p>
<pre>curl -X POST ${base}/api/v1/keys/validate \\
-H "Authorization: Bearer hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456" \\
-H "Content-Type: application/json" \\
-d '{"service_id": "prediction"}'</pre>
<p>Step 3: call a Hokusai service with it.</p>
<pre>curl ${base}/v1/models \\
-H "Authorization: Bearer hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456"</pre>
</body></html>
`;
}
