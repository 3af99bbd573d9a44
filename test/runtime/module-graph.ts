// Walks the import graph of a built file (its chunks and the packages it imports) the way a
// runtime would, so tests can say what a bundle really pulls in and browsers can be given an
// import map for its bare specifiers.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/** Which package entry points to pick: the ones a browser, Node's `import` or `require` would. */
export type ResolutionMode = 'browser' | 'import' | 'require';

const CONDITIONS: Record<ResolutionMode, readonly string[]> = {
  browser: ['browser', 'import', 'module', 'default'],
  import: ['node', 'import', 'default'],
  require: ['node', 'require', 'default'],
};

/** One import found in a file of the graph. */
export interface ModuleImport {
  importer: string;
  specifier: string;
  /** Absolute file it resolves to; undefined for Node built-ins. */
  file?: string;
}

/** Everything reachable from an entry file. */
export interface ModuleGraph {
  /** Absolute paths of every file reached, the entry first. */
  files: string[];
  /** Imports of packages (`openapi-fetch`, `zod/v4`), with the file each resolved to. */
  packageImports: ModuleImport[];
  /** Imports of Node built-ins (`node:crypto`, `fs`). */
  builtinImports: ModuleImport[];
  /** Imports that name no file or installed package, each with the reason. */
  unresolved: string[];
}

// Static imports/re-exports, side-effect imports, dynamic import() and require(): the forms
// esbuild emits. A bundle is generated code, so a regular expression is precise enough here.
const IMPORT_PATTERNS = [
  /\b(?:import|export)\s*(?:[\w*${}\s,]+?\s*from\s*)?['"]([^'"\n]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g,
  /\brequire\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g,
];

// Comments that start a line: JSDoc blocks and `//` lines, where packages show example imports.
const LEADING_COMMENTS = /^[ \t]*(?:\/\*[\s\S]*?\*\/|\/\/.*$)/gm;

/** The module specifiers a JavaScript file imports, in order of appearance, without repeats. */
export function importSpecifiers(source: string): string[] {
  const code = source.replace(LEADING_COMMENTS, '');
  const found = new Set<string>();
  for (const pattern of IMPORT_PATTERNS) {
    for (const match of code.matchAll(pattern)) found.add(match[1]!);
  }
  return [...found];
}

/** True for `node:x` and the bare names of Node built-ins (`fs`, `fs/promises`). */
export function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(specifier);
}

/**
 * Follows every import from `entry`: relative ones to chunk files, bare ones into node_modules.
 *
 * @example
 * const graph = collectModuleGraph('/repo/dist/index.js', 'browser');
 * graph.builtinImports; // [] for a browser-safe bundle
 */
export function collectModuleGraph(entry: string, mode: ResolutionMode): ModuleGraph {
  const graph: ModuleGraph = { files: [], packageImports: [], builtinImports: [], unresolved: [] };
  const seen = new Set<string>();
  const queue = [resolve(entry)];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    graph.files.push(file);
    if (!/\.[cm]?js$/.test(file)) continue;
    for (const specifier of importSpecifiers(readFileSync(file, 'utf8'))) {
      if (isBuiltin(specifier)) {
        graph.builtinImports.push({ importer: file, specifier });
        continue;
      }
      const isPath = specifier.startsWith('.') || specifier.startsWith('/');
      let target: string;
      try {
        target = isPath ? resolveRelative(file, specifier) : resolvePackage(file, specifier, mode);
      } catch (error) {
        graph.unresolved.push((error as Error).message);
        continue;
      }
      if (!isPath) graph.packageImports.push({ importer: file, specifier, file: target });
      queue.push(target);
    }
  }
  return graph;
}

function resolveRelative(importer: string, specifier: string): string {
  const base = resolve(dirname(importer), specifier);
  for (const candidate of [base, `${base}.js`, `${base}.cjs`, `${base}.mjs`, join(base, 'index.js')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`Cannot resolve '${specifier}' imported by ${importer}`);
}

/** Node's package resolution, reduced to what published packages use: `exports` (with `*`
 *  patterns and conditions), else `module`/`main`. */
export function resolvePackage(importer: string, specifier: string, mode: ResolutionMode): string {
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  const subpath = `.${specifier.slice(name.length)}`;
  const packageDir = findPackageDir(dirname(importer), name);
  if (!packageDir) throw new Error(`Cannot find package '${name}' imported by ${importer}`);
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as PackageManifest;
  const target = manifest.exports !== undefined
    ? exportTarget(manifest.exports, subpath, CONDITIONS[mode])
    : subpath === '.'
      ? (mode === 'require' ? manifest.main : manifest.module ?? manifest.main) ?? './index.js'
      : subpath;
  if (target === undefined) throw new Error(`'${specifier}' is not exported for ${mode} (imported by ${importer})`);
  return resolveRelative(join(packageDir, 'package.json'), target.startsWith('.') ? target : `./${target}`);
}

interface PackageManifest {
  exports?: unknown;
  module?: string;
  main?: string;
}

function findPackageDir(from: string, name: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

function exportTarget(exports: unknown, subpath: string, conditions: readonly string[]): string | undefined {
  const isSubpathMap = typeof exports === 'object' && exports !== null && !Array.isArray(exports)
    && Object.keys(exports).some((key) => key.startsWith('.'));
  if (!isSubpathMap) return subpath === '.' ? pickCondition(exports, conditions) : undefined;
  const map = exports as Record<string, unknown>;
  if (subpath in map) return pickCondition(map[subpath], conditions);
  for (const [key, value] of Object.entries(map)) {
    const star = key.indexOf('*');
    if (star < 0) continue;
    const [prefix, suffix] = [key.slice(0, star), key.slice(star + 1)];
    if (subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length >= key.length - 1) {
      const matched = subpath.slice(prefix.length, subpath.length - suffix.length);
      return pickCondition(value, conditions)?.replaceAll('*', matched);
    }
  }
  return undefined;
}

function pickCondition(target: unknown, conditions: readonly string[]): string | undefined {
  if (typeof target === 'string') return target;
  if (Array.isArray(target)) return target.map((t) => pickCondition(t, conditions)).find(Boolean);
  if (typeof target !== 'object' || target === null) return undefined;
  for (const [condition, value] of Object.entries(target)) {
    if (!conditions.includes(condition)) continue;
    if (value === null) return undefined; // explicitly not available under this condition
    const picked = pickCondition(value, conditions);
    if (picked !== undefined) return picked;
  }
  return undefined;
}
