// The validated key is typed where each framework's handlers read it.
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { describe, expectTypeOf, it } from 'vitest';
import { HokusaiAuth } from '../../src/client';
import {
  createKeyGuard,
  expressKeyGuard,
  fastifyKeyGuard,
  hokusaiKeyOf,
  honoKeyGuard,
  withKeyGuard,
  type GuardOutcome,
  type HokusaiKey,
  type HokusaiKeyVariables,
} from '../../src/middleware';

const guard = createKeyGuard({ auth: new HokusaiAuth(), service_id: 'prediction' });

describe('middleware types', () => {
  it('narrows check() on ok', async () => {
    const outcome: GuardOutcome = await guard.check({ headers: {} });
    if (outcome.ok) expectTypeOf(outcome.key.scopes).toEqualTypeOf<string[]>();
    else expectTypeOf(outcome.body.detail).toEqualTypeOf<string>();
  });

  it('types c.get("hokusaiKey") in Hono', () => {
    const app = new Hono<{ Variables: HokusaiKeyVariables }>();
    app.use('/v1/*', honoKeyGuard(guard));
    app.get('/v1/x', (c) => {
      expectTypeOf(c.get('hokusaiKey')).toEqualTypeOf<HokusaiKey>();
      return c.text('ok');
    });
  });

  it('types req.hokusaiKey in Express', () => {
    const app = express();
    app.use(expressKeyGuard(guard));
    app.get('/v1/x', (req, res) => {
      expectTypeOf(req.hokusaiKey).toEqualTypeOf<HokusaiKey | undefined>();
      res.end();
    });
  });

  it('fits Fastify’s preHandler hook, and hokusaiKeyOf reads the key typed', () => {
    const app = Fastify();
    app.addHook('preHandler', fastifyKeyGuard(guard));
    app.get('/v1/x', async (request) => {
      expectTypeOf(hokusaiKeyOf(request)).toEqualTypeOf<HokusaiKey>();
      return {};
    });
  });

  it('passes a fetch handler’s extra arguments through, after the key', () => {
    const handler = withKeyGuard(guard, (_request, key, context: { params: Promise<{ id: string }> }) => {
      expectTypeOf(key).toEqualTypeOf<HokusaiKey>();
      expectTypeOf(context.params).toEqualTypeOf<Promise<{ id: string }>>();
      return new Response();
    });
    expectTypeOf(handler).parameters.toEqualTypeOf<[Request, { params: Promise<{ id: string }> }]>();
  });
});
