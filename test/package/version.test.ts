// `/version` and `hokusai-auth --version` report the package's version: a release that bumps
// package.json without src/server/version.ts fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server';
import { SERVER_VERSION } from '../../src/server/version';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('version', () => {
  it('is the package version, in the source and on /version', async () => {
    expect(SERVER_VERSION).toBe(pkg.version);
    const res = await createApp().request('/version');
    expect(await res.json()).toMatchObject({ version: pkg.version });
  });
});
