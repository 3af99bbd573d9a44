// The server describes itself: the spec as YAML and JSON, an offline reference page, and an
// index linking them. The files are the package's own (spec/ and the build's dist/).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readApiDescription } from '../../../src/server/api-description';
import { startServer, type RunningServer } from '../../../src/server/node';
import { builtFile, ROOT } from '../../runtime/built-package';

const SPEC = join(ROOT, 'spec/hokusai-auth.openapi.yaml');
let server: RunningServer;
let unbuilt: RunningServer;

beforeAll(async () => {
  builtFile('docs/index.html');
  server = await startServer({ port: 0, memory: true, quiet: true, apiDescription: readApiDescription(ROOT) });
  unbuilt = await startServer({ port: 0, memory: true, quiet: true, apiDescription: { yaml: readFileSync(SPEC, 'utf8') } });
});
afterAll(async () => {
  await Promise.all([server?.close(), unbuilt?.close()]);
});

describe('GET /openapi.yaml and /openapi.json', () => {
  it('serve the spec, the same document in both forms, readable from other origins', async () => {
    const yaml = await fetch(`${server.url}/openapi.yaml`);
    expect(yaml.status).toBe(200);
    expect(yaml.headers.get('content-type')).toBe('application/yaml; charset=utf-8');
    expect(await yaml.text()).toBe(readFileSync(SPEC, 'utf8'));
    const json = await fetch(`${server.url}/openapi.json`);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(json.headers.get('access-control-allow-origin')).toBe('*');
    expect(await json.json()).toEqual(parse(readFileSync(SPEC, 'utf8')));
  });

  it('answer 503 with the fix when the package is not built, and 405 to another method', async () => {
    const missing = await fetch(`${unbuilt.url}/openapi.json`);
    expect(missing.status).toBe(503);
    expect((await missing.json()).detail).toContain('npm run build');
    const post = await fetch(`${server.url}/openapi.json`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('GET /docs and /', () => {
  it('/docs is one self-contained page: nothing loaded from another host', async () => {
    const res = await fetch(`${server.url}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toContain('Hokusai');
    expect(html.match(/<(script|link|img)\b[^>]*\b(src|href)=["']?(https?:)?\/\//gi) ?? []).toEqual([]);
    // The page's policy lets nothing in from elsewhere either.
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(res.headers.get('content-security-policy')).not.toMatch(/https?:/);
  });

  it('/ links the reference, both specs and the quickstart, with this server in the commands', async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const link of ['href="/docs"', 'href="/openapi.json"', 'href="/openapi.yaml"', 'href="#quickstart"']) expect(html).toContain(link);
    expect(html).toContain(`curl -X POST ${server.url}/api/v1/keys`);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('leaves the API as it was', async () => {
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect((await fetch(`${server.url}/docs/other`)).status).toBe(404);
  });
});
