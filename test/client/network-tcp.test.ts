// Failures only a real socket produces: refused connections, resets, stalls.
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { APIConnectionError, APITimeoutError, HokusaiAuth, type HokusaiAuthOptions } from '../../src/client';

const servers: Server[] = [];
const sockets = new Set<Socket>();

afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A raw TCP server on a loopback port; `onConnection` decides what the "HTTP server" does. */
async function rawServer(onConnection: (socket: Socket) => void): Promise<{ url: string; requests: () => number }> {
  let requests = 0;
  const server = createServer((socket) => {
    sockets.add(socket);
    // Count request heads, not sockets: fetch may open a spare connection.
    socket.on('data', (chunk) => {
      requests += chunk.toString('latin1').match(/^(GET|POST|DELETE) /gm)?.length ?? 0;
    });
    socket.on('error', () => {});
    onConnection(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, requests: () => requests };
}

function client(baseUrl: string, options: HokusaiAuthOptions = {}) {
  return new HokusaiAuth({ baseUrl, adminToken: 'tcp-admin-token', ...options }, { sleep: async () => {} });
}

/** Reads one request head, then runs `then`. */
function afterRequest(then: (socket: Socket) => void) {
  return (socket: Socket) => {
    let head = '';
    socket.on('data', (chunk) => {
      head += chunk.toString('latin1');
      if (head.includes('\r\n\r\n')) {
        head = '';
        then(socket);
      }
    });
  };
}

describe('over a real socket', () => {
  it('connection refused on a closed port: APIConnectionError naming ECONNREFUSED', async () => {
    const { url } = await rawServer(() => {});
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const error = await client(url).health().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toBe(`Connection error: could not reach ${url} (ECONNREFUSED)`);
  });

  it('the connection reset before any response is retried, then APIConnectionError', async () => {
    const server = await rawServer(afterRequest((socket) => socket.resetAndDestroy()));
    const error = await client(server.url).health().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(APITimeoutError);
    expect(server.requests()).toBe(3);
  });

  it('the connection reset in the middle of the body is retried, then APIConnectionError', async () => {
    const server = await rawServer(
      afterRequest((socket) => {
        socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"status": "hea');
        setTimeout(() => socket.resetAndDestroy(), 5);
      }),
    );
    const error = await client(server.url).health().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(server.requests()).toBe(3);
  });

  it('a server that never answers: each attempt times out, then APITimeoutError', async () => {
    const server = await rawServer(() => {});
    const error = await client(server.url, { timeoutMs: 30 }).health().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APITimeoutError);
    expect((error as Error).message).toBe('health timed out after 30 ms');
    expect(server.requests()).toBe(3);
  });

  it('a body that stalls after the headers also times out', async () => {
    const server = await rawServer(
      afterRequest((socket) => socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{')),
    );
    const error = await client(server.url, { timeoutMs: 30, maxRetries: 1 }).health().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(server.requests()).toBe(2);
  });

  it('a complete response after a reset: the retry succeeds', async () => {
    let count = 0;
    const body = '{"status":"healthy"}';
    const server = await rawServer(
      afterRequest((socket) => {
        if (++count === 1) return socket.resetAndDestroy();
        socket.end(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
      }),
    );
    await expect(client(server.url).health()).resolves.toEqual({ status: 'healthy' });
    expect(server.requests()).toBe(2);
  });
});
