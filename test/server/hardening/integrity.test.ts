// A damaged data file is refused at start; a corruption met at run time answers 503 (no stack)
// and turns /ready to 503.
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createApp, MemoryStore, requestSchemas } from '../../../src/server';
import { DamagedDataFileError, SqliteStore } from '../../../src/server/node';
import { guardStore } from '../../../src/server/store/guarded';
import { newKey, usage } from '../store/store-contract';
import { runServerUntilExit, tempDir } from './support';

const temp = tempDir('integrity');

/** A database of a few hundred KiB with 3,000 garbage bytes written into its middle. */
function damagedFile(name: string): string {
  const filename = temp.file(name);
  const store = new SqliteStore({ filename });
  for (let i = 0; i < 300; i++) {
    const key = store.insertKey(newKey());
    for (let j = 0; j < 5; j++) store.insertUsage(usage(key.key_id, j, `/v1/endpoint/${i}/${j}`));
  }
  store.close();
  const size = statSync(filename).size;
  const fd = openSync(filename, 'r+');
  writeSync(fd, Buffer.alloc(3000, 0xa5), 0, 3000, Math.floor(size / 2));
  closeSync(fd);
  return filename;
}

describe('integrity of the data file', () => {
  it('SqliteStore refuses a file with garbage in its middle, naming the file', () => {
    const filename = damagedFile('middle.sqlite');
    expect(() => new SqliteStore({ filename })).toThrow(DamagedDataFileError);
    expect(() => new SqliteStore({ filename })).toThrow(filename);
  });

  it('the server refuses to start on it with a one-line message', async () => {
    const filename = damagedFile('server.sqlite');
    const result = await runServerUntilExit(['--port', '0', '--data', filename, '--quiet']);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/is damaged/);
    expect(lines[0]).toContain(filename);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('a corruption met at run time answers 503 without a stack and turns /ready to 503', async () => {
    const store = new MemoryStore();
    const corrupt = Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });
    const guarded = guardStore(store);
    const logged: string[] = [];
    const app = createApp({ store: guarded, adminToken: 'x'.repeat(20), logger: { error: (message) => logged.push(message) } });
    const { api_key } = await app.engine.createKey(requestSchemas.createKey.body.parse({ name: 'k', service_id: 'prediction' }));
    expect((await app.request('/ready')).status).toBe(200);

    store.findKeyByHash = () => {
      throw corrupt;
    };
    const res = await app.request('/api/v1/keys/validate', { method: 'POST', headers: { 'X-API-Key': api_key } });
    expect(res.status).toBe(503);
    expect(res.headers.get('Retry-After')).not.toBeNull();
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ detail: 'The data store is unavailable' });
    expect(text).not.toMatch(/malformed|SQLITE| at /);
    const ready = await app.request('/ready');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'not ready', checks: { database: false } });
    expect((await app.request('/health')).status).toBe(200);
    expect(logged).toHaveLength(1);
  });
});
