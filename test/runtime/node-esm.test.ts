// The built main entry, loaded the way users load it: a plain `node` process (no loader, no
// flags) importing dist/index.js or requiring dist/index.cjs, talking to a real stub server.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/node';
import { builtFile, FULL_API_KEY, ROOT, startStubServer } from './built-package';
import { collectModuleGraph, type ModuleGraph } from './module-graph';

const run = promisify(execFile);

let server: RunningServer;

beforeAll(async () => {
  server = await startStubServer();
});

afterAll(async () => {
  await server?.close();
});

// The same steps for both module systems: create a key with the admin token, validate it, get
// a refusal and a typed error. Only facts about the key are printed, never the key itself.
const SCENARIO = `
  const auth = new HokusaiAuth({ maxRetries: 0 });
  const { api_key, key_info } = await auth.keys.create({
    name: 'Node runtime key', service_id: 'prediction', scopes: ['predict'], environment: 'test',
  });
  const parsed = parseApiKey(api_key);
  const valid = await auth.validate(api_key, { service_id: 'prediction', required_scope: 'predict' });
  const refused = await auth.validate(api_key, { service_id: 'platform' });
  let missing = 'no error';
  try {
    await auth.keys.get('00000000-0000-4000-8000-000000000000');
  } catch (error) {
    missing = { notFound: error instanceof NotFoundError, typed: error instanceof HokusaiAuthError, status: error.status };
  }
  console.log(JSON.stringify({
    baseUrl: auth.baseUrl,
    parsed: { ok: parsed.ok, environment: parsed.environment },
    maskedPrefix: key_info.key_prefix === maskApiKey(api_key),
    valid: { is_valid: valid.is_valid, sameKey: valid.key_id === key_info.key_id, service_id: valid.service_id, scopes: valid.scopes },
    refused: { is_valid: refused.is_valid, error_code: refused.error_code },
    missing,
    packageName: RESOLVE_SELF,
  }));
`;

const NAMES = 'HokusaiAuth, HokusaiAuthError, NotFoundError, maskApiKey, parseApiKey';

function esmScript(): string {
  const entry = pathToFileURL(builtFile('index.js')).href;
  return `import { ${NAMES} } from ${JSON.stringify(entry)};\n${SCENARIO.replace(
    'RESOLVE_SELF',
    "import.meta.resolve('@hokusai/auth')",
  )}`;
}

function cjsScript(): string {
  const entry = builtFile('index.cjs');
  return `const { ${NAMES} } = require(${JSON.stringify(entry)});
(async () => {${SCENARIO.replace('RESOLVE_SELF', "require.resolve('@hokusai/auth')")}})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});`;
}

/** Runs a script in a fresh Node with the stub server's URL and token in the environment. */
async function runNode(inputType: 'module' | 'commonjs', script: string): Promise<{ stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, HOKUSAI_AUTH_URL: server.url, HOKUSAI_ADMIN_TOKEN: server.adminToken };
  delete env.NODE_OPTIONS; // nothing from the test runner may help the import
  // cwd = package root, so `@hokusai/auth` resolves through the package's own `exports`.
  return run(process.execPath, [`--input-type=${inputType}`, '-e', script], { cwd: ROOT, env, timeout: 15_000 });
}

function expectedOutput(selfFile: string) {
  return {
    baseUrl: server.url,
    parsed: { ok: true, environment: 'test' },
    maskedPrefix: true,
    valid: { is_valid: true, sameKey: true, service_id: 'prediction', scopes: ['predict'] },
    refused: { is_valid: false, error_code: 'service_mismatch' },
    missing: { notFound: true, typed: true, status: 404 },
    packageName: selfFile,
  };
}

function expectNoSecrets(output: string): void {
  expect(output).not.toContain(server.adminToken);
  expect(output).not.toMatch(FULL_API_KEY);
}

describe('built main entry in Node 20', () => {
  it('imports dist/index.js as ESM with no flags and creates and validates a key against the stub server', async () => {
    const { stdout, stderr } = await runNode('module', esmScript());
    expect(JSON.parse(stdout)).toEqual(expectedOutput(pathToFileURL(builtFile('index.js')).href));
    expectNoSecrets(stdout + stderr);
  });

  it('requires dist/index.cjs from CommonJS and runs the same scenario', async () => {
    const { stdout, stderr } = await runNode('commonjs', cjsScript());
    expect(JSON.parse(stdout)).toEqual(expectedOutput(builtFile('index.cjs')));
    expectNoSecrets(stdout + stderr);
  });
});

/** Zod's own identifiers, found in its code whether it is imported or inlined by the bundler. */
const ZOD_CODE = /\$Zod[A-Z]\w*|\bZodError\b|\b_zod\b/;

function zodUse(graph: ModuleGraph): string[] {
  const imports = graph.packageImports
    .filter(({ specifier }) => specifier === 'zod' || specifier.startsWith('zod/'))
    .map(({ specifier, importer }) => `${importer} imports ${specifier}`);
  const inlined = graph.files.filter((file) => ZOD_CODE.test(readFileSync(file, 'utf8'))).map((file) => `${file} contains zod code`);
  return [...imports, ...inlined];
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

describe('main entry bundle contents', () => {
  const manifest = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { dependencies?: Record<string, string> };
  const runtimeDependencies = Object.keys(manifest.dependencies ?? {});

  it.each([
    ['dist/index.js', 'index.js', 'browser'],
    ['dist/index.cjs', 'index.cjs', 'require'],
  ] as const)('%s and everything it loads have no zod and no Node built-in', (_label, file, mode) => {
    const graph = collectModuleGraph(builtFile(file), mode);
    expect(graph.unresolved).toEqual([]);
    expect(zodUse(graph)).toEqual([]);
    expect(graph.builtinImports.map(({ importer, specifier }) => `${importer} imports ${specifier}`)).toEqual([]);
    // Whatever it does import must be a declared runtime dependency (installed for users).
    const undeclared = graph.packageImports.map(({ specifier }) => packageName(specifier)).filter((name) => !runtimeDependencies.includes(name));
    expect(undeclared).toEqual([]);
  });

  it('the same checks do find zod where it is used (the server entry), so an empty result above means something', () => {
    const graph = collectModuleGraph(builtFile('server/index.js'), 'import');
    expect(zodUse(graph).length).toBeGreaterThan(0);
  });
});
