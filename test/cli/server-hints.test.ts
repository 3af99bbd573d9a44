// The CLI says which server it talks to: production is announced before any call, and a server
// that does not answer gets the URL tried and how to start the local one.
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, assertBuilt, runCli, UNREACHABLE_URL } from './helpers';

beforeAll(assertBuilt);

describe('which server the CLI talks to', () => {
  it('without HOKUSAI_AUTH_URL or --url, says it is talking to production before the call', async () => {
    // No admin token: the call stops before anything is sent, after the notice.
    const result = await runCli(['keys', 'list']);
    expect(result.stderr.split('\n')[0]).toBe(
      'Talking to production, https://auth.hokus.ai (HOKUSAI_AUTH_URL is not set; use it or --url for another server, e.g. the local one: http://127.0.0.1:8787).',
    );
    expect(result.stderr).toContain('needs an admin token');
  });

  it('with a URL set, says nothing about production', async () => {
    const result = await runCli(['keys', 'list'], { HOKUSAI_AUTH_URL: UNREACHABLE_URL, HOKUSAI_ADMIN_TOKEN: ADMIN_TOKEN });
    expect(result.stderr).not.toContain('production');
  });

  it('a server that does not answer: the URL tried, and how to start the local one', async () => {
    const result = await runCli(['keys', 'list'], { HOKUSAI_AUTH_URL: UNREACHABLE_URL, HOKUSAI_ADMIN_TOKEN: ADMIN_TOKEN });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`could not reach ${UNREACHABLE_URL}`);
    expect(result.stderr).toContain('Start the local one with `npx hokusai-auth mock`');
    expect(result.stderr).toContain('point HOKUSAI_AUTH_URL at the URL it prints');
  });
});
