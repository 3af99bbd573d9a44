import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KeyGuard } from '../guard';
import type { HokusaiKey } from '../types';
import { pathOf, recordOnFinish } from './node-response';
import { remoteAddressOf } from './socket-address';

/** The part of a Fastify request the hook reads (structural, so fastify stays an optional peer). */
interface FastifyRequestLike {
  headers: IncomingMessage['headers'];
  body?: unknown;
  raw: IncomingMessage;
  hokusaiKey?: HokusaiKey;
}

/** The part of a Fastify reply the hook uses. */
interface FastifyReplyLike {
  code(status: number): FastifyReplyLike;
  headers(values: Record<string, string>): FastifyReplyLike;
  send(payload?: unknown): FastifyReplyLike;
  raw: ServerResponse;
}

/**
 * A Fastify (5) `preHandler` hook: refuses requests without a valid key, else puts the key on
 * `request.hokusaiKey` (read it typed with `hokusaiKeyOf(request)`). As a `preHandler` it runs
 * after body parsing, so a key sent as `api_key` in a JSON body is found too.
 *
 * @example
 * import Fastify from 'fastify';
 * const app = Fastify();
 * app.addHook('preHandler', fastifyKeyGuard(guard));
 * app.get('/v1/predict', async (request) => ({ key_id: hokusaiKeyOf(request).key_id }));
 */
export function fastifyKeyGuard(guard: KeyGuard): (request: FastifyRequestLike, reply: FastifyReplyLike) => Promise<unknown> {
  return async (request, reply) => {
    const started = guard.recordsUsage ? performance.now() : 0;
    const { raw } = request;
    const outcome = await guard.checkNow({ headers: request.headers, body: request.body, remoteAddress: remoteAddressOf(raw.socket), path: pathOf(raw.url) });
    if (!outcome.ok) return reply.code(outcome.status).headers(outcome.headers).send(outcome.body);
    request.hokusaiKey = outcome.key;
    recordOnFinish(guard, outcome.key, request, raw.url, reply.raw, started);
    return undefined;
  };
}
