// The built main entry, imported in the test process as a user's Node 20 code would.
import { pathToFileURL } from 'node:url';
import type * as Sdk from '@hokusai/auth';
import { builtFile } from '../../runtime/built-package';

/**
 * `dist/index.js`, loaded once.
 *
 * @example
 * const { HokusaiAuth } = await builtSdk();
 */
export function builtSdk(): Promise<typeof Sdk> {
  return import(pathToFileURL(builtFile('index.js')).href) as Promise<typeof Sdk>;
}
