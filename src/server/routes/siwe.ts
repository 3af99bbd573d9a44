import { platformRequestSchemas as schemas } from '../boundary/platform-schemas';
import { json } from '../http/responses';
import { route } from './route';
import type { Route } from './route';
import { originOf } from './platform-request';

/** Wallet sign-in (public): a challenge to sign, then its verification for a JWT. */
export const siweRoutes: Route[] = [
  route({
    method: 'POST',
    path: '/auth/siwe/challenge',
    access: 'public',
    request: schemas.siweChallenge,
    answer: ({ body }, { engine, request }) => json(engine.platform.siweChallenge(body, originOf(request))),
  }),
  route({
    method: 'POST',
    path: '/auth/siwe/verify',
    access: 'public',
    request: schemas.siweVerify,
    answer: async ({ body }, { engine, request }) => json(await engine.platform.siweVerify(body, originOf(request))),
  }),
];

/** JWT validation (public): a refused token is a 401 answer, not an error. */
export const tokenRoutes: Route[] = [
  route({
    method: 'POST',
    path: '/api/v1/tokens/validate',
    access: 'public',
    request: schemas.validateToken,
    answer: async ({ body }, { engine }) => {
      const { status, body: result } = await engine.platform.validateToken(body);
      return json(result, status);
    },
  }),
];
