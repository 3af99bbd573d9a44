/**
 * The ceiling: a bare node:http server that reads the request body, JSON-parses it and answers
 * the JSON the stub answers for a valid key with a plain `res.end(string)`, with no routing,
 * validation or store. Usage:
 * `node --import tsx bench/targets/bare-server.ts '<json body>' ['<json headers>']`; prints a
 * ready line. With headers (the stub's own, as a JSON object), it sends them too, with a fresh
 * `x-request-id` per answer as the stub does: the cost of the headers alone.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

const body = process.argv[2] ?? '{"is_valid":true}';
const length = String(Buffer.byteLength(body));
const extraHeaders = process.argv[3] ? (JSON.parse(process.argv[3]) as Record<string, string>) : undefined;

const server = createServer((req, res) => {
  let text = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => (text += chunk));
  req.on('end', () => {
    JSON.parse(text || '{}');
    if (extraHeaders) {
      res.writeHead(200, { ...extraHeaders, 'x-request-id': randomUUID(), 'content-length': length });
    } else {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': length });
    }
    res.end(body);
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(JSON.stringify({ ready: true, url: `http://127.0.0.1:${port}` }));
});

process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
