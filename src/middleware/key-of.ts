import type { HokusaiKey } from './types';

/**
 * The validated key the Express or Fastify adapter put on a request, typed. Throws when there is
 * none, i.e. the guard did not run before this handler.
 *
 * @example
 * app.get('/v1/predict', async (request) => ({ key_id: hokusaiKeyOf(request).key_id }));
 */
export function hokusaiKeyOf(request: object): HokusaiKey {
  const key = (request as { hokusaiKey?: HokusaiKey }).hokusaiKey;
  if (!key) throw new Error('No validated Hokusai key on this request: mount the key guard before this handler');
  return key;
}
