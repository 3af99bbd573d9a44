// The outbox: every mail the server would send is kept (newest last), readable in process and
// over HTTP, announced as one request-log line without its text or links, and emptied by reset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, ManualClock, Outbox } from '../../../src/server';
import { startServer, type RunningServer } from '../../../src/server/node';

const ADMIN = 'outbox-admin-token-0123456789abcdef';
const SECRET_LINK = 'http://127.0.0.1/registration/verify?token=single-use-secret-token';
const lines: string[] = [];
const jsonLines: string[] = [];
let server: RunningServer;
let jsonServer: RunningServer;

beforeAll(async () => {
  server = await startServer({ port: 0, memory: true, adminToken: ADMIN, quiet: true, testControls: true, requestLog: { format: 'text', write: (line) => lines.push(line) } });
  jsonServer = await startServer({ port: 0, memory: true, adminToken: ADMIN, quiet: true, requestLog: { format: 'json', write: (line) => jsonLines.push(line) } });
});
afterAll(async () => {
  await Promise.all([server?.close(), jsonServer?.close()]);
});

const mail = (to: string) => ({ to, subject: 'Verify your email', text: `Open ${SECRET_LINK}`, links: [SECRET_LINK] });

describe('outbox', () => {
  it('keeps each mail with an id and the server time, newest last', () => {
    const app = createApp({ adminToken: ADMIN, clock: new ManualClock('2025-01-15T10:30:00Z'), testKit: true });
    app.outbox.send(mail('first@example.com'));
    app.controls.clock.advance(1000);
    const second = app.outbox.send(mail('second@example.com'));
    const kept = app.controls.outbox();
    expect(kept.map((m) => m.to)).toEqual(['first@example.com', 'second@example.com']);
    expect(kept[1]).toEqual({ ...mail('second@example.com'), id: second.id, created_at: '2025-01-15T10:30:01.000Z' });
    expect(kept[0]!.id).not.toBe(kept[1]!.id);
    // A copy: changing what a test read changes nothing kept.
    kept[0]!.links.push('http://elsewhere');
    expect(app.controls.outbox()[0]!.links).toEqual([SECRET_LINK]);
  });

  it('is emptied by reset', () => {
    const app = createApp({ adminToken: ADMIN, testKit: true });
    app.outbox.send(mail('ada@example.com'));
    app.controls.reset();
    expect(app.controls.outbox()).toEqual([]);
  });

  it('drops the oldest mails past its capacity', () => {
    const outbox = new Outbox({ now: () => 0 }, 3);
    for (const to of ['a@x.io', 'b@x.io', 'c@x.io', 'd@x.io']) outbox.send(mail(to));
    expect(outbox.list().map((m) => m.to)).toEqual(['b@x.io', 'c@x.io', 'd@x.io']);
  });

  it('is served at GET /__hokusai/outbox behind the admin token, and POST /__hokusai/reset empties it', async () => {
    server.app.outbox.send(mail('http@example.com'));
    const unauthorised = await fetch(`${server.url}/__hokusai/outbox`);
    expect(unauthorised.status).toBe(401);
    const res = await fetch(`${server.url}/__hokusai/outbox`, { headers: { Authorization: `Bearer ${ADMIN}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { to: string; links: string[] }[];
    expect(body.at(-1)).toMatchObject({ to: 'http@example.com', links: [SECRET_LINK] });
    await fetch(`${server.url}/__hokusai/reset`, { method: 'POST', headers: { Authorization: `Bearer ${ADMIN}` } }).then((r) => r.text());
    const after = await fetch(`${server.url}/__hokusai/outbox`, { headers: { Authorization: `Bearer ${ADMIN}` } });
    expect(await after.json()).toEqual([]);
  });

  it('prints one request-log line per mail with recipient and subject, never its text or links', () => {
    lines.length = 0;
    const sent = server.app.outbox.send({ ...mail('log@example.com'), subject: 'Line\nbreak' });
    expect(lines).toEqual([`${sent.created_at} MAIL to=log@example.com subject="Line\\nbreak" id=${sent.id}\n`]);
    expect(lines.join('')).not.toContain('single-use-secret-token');
  });

  it('prints a JSON line on a JSON request log', () => {
    jsonLines.length = 0;
    const sent = jsonServer.app.outbox.send(mail('json@example.com'));
    expect(jsonLines).toHaveLength(1);
    expect(JSON.parse(jsonLines[0]!)).toEqual({ time: sent.created_at, mail: { id: sent.id, to: 'json@example.com', subject: 'Verify your email' } });
    expect(jsonLines[0]).not.toContain('single-use-secret-token');
  });

  it('cannot forge a log line through the recipient', () => {
    lines.length = 0;
    server.app.outbox.send(mail('evil@example.com\n2025-01-01T00:00:00.000Z GET /health 200'));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.split('\n')).toHaveLength(2);
  });
});
