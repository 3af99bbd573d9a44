// The key helpers ship in the browser build and in the stub server: they must stay pure.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as keys from '../../src/keys';

const KEYS_DIR = join(import.meta.dirname, '../../src/keys');
const sources = readdirSync(KEYS_DIR)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => ({ file, text: readFileSync(join(KEYS_DIR, file), 'utf8') }));

/** The code without comments: JSDoc examples may mention Node APIs a caller would use. */
const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

describe('src/keys is browser-safe and side-effect free', () => {
  it('imports only its own files', () => {
    for (const { file, text } of sources) {
      const specifiers = [...text.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]/g)].map((m) => m[1] ?? m[2]);
      for (const specifier of specifiers) expect(specifier, `${file} imports ${specifier}`).toMatch(/^\.\//);
    }
  });

  it('uses no Node-only globals or I/O', () => {
    for (const { file, text } of sources) {
      expect(withoutComments(text), file).not.toMatch(/\b(Buffer|process|require|__dirname|fetch|console)\b/);
    }
  });

  it('exports exactly the public API', () => {
    expect(Object.keys(keys).sort()).toEqual(
      [
        'API_KEY_ENV_CODES',
        'API_KEY_SECRET_LENGTH',
        'ApiKeyFormatError',
        'assertApiKey',
        'environmentOf',
        'extractApiKey',
        'generateApiKey',
        'isApiKey',
        'maskApiKey',
        'parseApiKey',
      ].sort(),
    );
    expect(Object.isFrozen(keys.API_KEY_ENV_CODES)).toBe(true);
  });
});
