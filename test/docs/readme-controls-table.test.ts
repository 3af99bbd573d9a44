// The README's table of test-control routes lists every /__hokusai/* route the server has, and
// a failure rule has one spelling in process and over HTTP.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server';
import { readme } from './readme-blocks';

const ADMIN = 'controls-table-admin-token';

describe('test controls, as the README documents them', () => {
  it('the table has one row per route, no more, no less', () => {
    const app = createApp({ testControls: true, adminToken: ADMIN });
    const served = app.hono.routes
      .filter((route) => route.path.startsWith('/__hokusai/') && ['GET', 'POST', 'DELETE'].includes(route.method))
      .map((route) => `${route.method} ${route.path}`);
    const documented = [...readme().matchAll(/^\| `((?:GET|POST|DELETE) \/__hokusai\/[^`]*)` \|/gm)].map((match) => match[1]);
    expect(new Set(documented)).toEqual(new Set(served));
    expect(documented).toHaveLength(new Set(documented).size);
  });

  it('a failure rule reads the same in process and over HTTP: retry_after', async () => {
    const rule = { path: '/api/v1/keys/validate', times: 2, status: 503, retry_after: 1 };
    const inProcess = createApp({ testKit: true, adminToken: ADMIN }).controls.failNext(rule);
    const overHttp = await createApp({ testControls: true, adminToken: ADMIN }).request('/__hokusai/failures', {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(rule),
    });
    expect(overHttp.status).toBe(201);
    expect((await overHttp.json()).failure).toEqual(inProcess);
    expect(inProcess).toMatchObject({ retry_after: 1 });
    expect(readme()).toContain('retry_after: 1 });');
    expect(readme()).not.toMatch(/retryAfter\b/);
  });
});
