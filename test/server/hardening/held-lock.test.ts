// Another connection holding the write lock must not stall the server: validations and probes
// answer at once, writes answer 503 with Retry-After, and nothing validated is lost.
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../../src/server/node';
import { LONG_ADMIN_TOKEN, tempDir } from './support';

const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
const temp = tempDir('lock');
const admin = { Authorization: `Bearer ${LONG_ADMIN_TOKEN}`, 'Content-Type': 'application/json' };

async function timed(call: () => Promise<Response>): Promise<{ res: Response; ms: number }> {
  const started = performance.now();
  const res = await call();
  return { res, ms: performance.now() - started };
}

describe('a write lock held by another connection', () => {
  it('validations, /health and /live answer at once; writes answer 503 with Retry-After', async () => {
    const dataFile = temp.file('held.sqlite');
    const server = await startServer({ port: 0, dataFile, adminToken: LONG_ADMIN_TOKEN, quiet: true });
    const other = new Database(dataFile);
    try {
      const created = await fetch(`${server.url}/api/v1/keys`, { method: 'POST', headers: admin, body: JSON.stringify({ name: 'k', service_id: 'prediction' }) });
      const { api_key, key_info } = (await created.json()) as { api_key: string; key_info: { key_id: string } };

      other.exec('BEGIN IMMEDIATE');
      const validate = await timed(() => fetch(`${server.url}/api/v1/keys/validate`, { method: 'POST', headers: { Authorization: `Bearer ${api_key}` } }));
      expect(validate.res.status).toBe(200);
      expect(validate.ms).toBeLessThan(1000);
      for (const path of ['/health', '/live']) {
        const probe = await timed(() => fetch(`${server.url}${path}`));
        expect(probe.res.status).toBe(200);
        expect(probe.ms).toBeLessThan(1000);
      }
      const write = await timed(() => fetch(`${server.url}/api/v1/keys`, { method: 'POST', headers: admin, body: JSON.stringify({ name: 'w', service_id: 'prediction' }) }));
      expect(write.res.status).toBe(503);
      expect(write.res.headers.get('Retry-After')).toBe('1');
      expect(write.ms).toBeLessThan(1000);
      expect(await write.res.json()).toEqual({ detail: 'The data store is busy; retry shortly' });
      // The API shows the validation's last_used_at already.
      const info = await (await fetch(`${server.url}/api/v1/keys/${key_info.key_id}`, { headers: admin })).json();
      expect(info.last_used_at).not.toBeNull();

      other.exec('ROLLBACK');
      // Once the lock is free, the pending last_used_at reaches the file.
      await expect
        .poll(() => (other.prepare('SELECT last_used_at FROM api_keys WHERE key_id = ?').get(key_info.key_id) as { last_used_at: number | null }).last_used_at, { timeout: 5000 })
        .not.toBeNull();
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
      await server.close();
    }
  });
});
