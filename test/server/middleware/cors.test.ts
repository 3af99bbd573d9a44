// Browser apps call the stub server from another origin: every answer (errors included) must be
// readable, and the rate-limit and request-id headers exposed.
import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../support';

const PAGE = 'http://localhost:5173';

describe('CORS', () => {
  it('lets any origin read answers by default, errors included, with the useful headers exposed', async () => {
    const t = makeTestApp();
    const noKey = await t.request('/api/v1/keys/validate', { method: 'POST', headers: { Origin: PAGE } });
    expect(noKey.status).toBe(400);
    for (const res of [await t.request('/health', { headers: { Origin: PAGE } }), noKey]) {
      expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
      expect(res.headers.get('Access-Control-Expose-Headers')).toContain('X-RateLimit-Remaining');
      expect(res.headers.get('Access-Control-Expose-Headers')).toContain('Retry-After');
    }
  });

  it('with a list of origins, echoes an allowed one and leaves others unreadable', async () => {
    const t = makeTestApp({ corsOrigin: [PAGE] });
    const allowed = await t.request('/health', { headers: { Origin: PAGE } });
    expect(allowed.headers.get('Access-Control-Allow-Origin')).toBe(PAGE);
    expect(allowed.headers.get('Vary')).toContain('Origin');
    const other = await t.request('/health', { headers: { Origin: 'http://evil.example' } });
    expect(other.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('answers a preflight for the admin headers and the Idempotency-Key from an allowed admin origin', async () => {
    const t = makeTestApp({ adminCorsOrigins: [PAGE] });
    const res = await t.request('/api/v1/keys', {
      method: 'OPTIONS',
      headers: { Origin: PAGE, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type,idempotency-key' },
    });
    expect(res.status).toBe(204);
    const allowHeaders = res.headers.get('Access-Control-Allow-Headers')?.toLowerCase() ?? '';
    for (const header of ['authorization', 'content-type', 'idempotency-key']) expect(allowHeaders).toContain(header);
    expect(res.headers.get('Access-Control-Allow-Methods')).toContain('POST');
  });
});
