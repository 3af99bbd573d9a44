import type { EngineContext } from '../engine/context';
import { EngineError } from '../engine/errors';
import { floorToSecond } from '../engine/time';
import { randomUuid } from '../engine/uuid';
import { DEFAULT_PERMISSIONS } from './access-tokens';
import type { AccessTokens } from './access-tokens';
import { checkSignedMessage } from './siwe';
import type { AuthenticatedUser, RequestOrigin, SiweSession, TokenValidationFailure, TokenValidationSuccess } from './types';

/**
 * Signs a user in from a signed challenge: the first sign-in of an address creates its user.
 *
 * @example
 * const session = await signIn(ctx, tokens, { message, signature }, origin);
 */
export async function signIn(
  ctx: EngineContext,
  tokens: AccessTokens,
  body: { message: string; signature: string },
  origin: RequestOrigin,
): Promise<SiweSession> {
  const address = await checkSignedMessage(ctx, body, origin);
  const existing = ctx.store.platform.findUserByAddress(address);
  const user = existing ?? ctx.store.platform.insertUser({ id: randomUuid(), wallet_address: address, created_at: floorToSecond(ctx.clock.now()) });
  const { token, expiresIn } = await tokens.issue({ user_id: user.id, wallet_address: user.wallet_address, permissions: [...DEFAULT_PERMISSIONS] });
  return {
    access_token: token,
    token_type: 'bearer',
    expires_in: expiresIn,
    user_id: user.id,
    wallet_address: user.wallet_address,
    is_new_user: existing === undefined,
  };
}

/** The permission a service needs from a token; services not listed are never granted. */
const SERVICE_PERMISSION: Readonly<Record<string, string>> = {
  prediction: 'predict',
  platform: 'read',
  website: 'read',
  'ml-platform': 'read',
};

/**
 * The public token check: a refused token is an answer (401 `{valid: false, error}`), never
 * an error.
 *
 * @example
 * const { status, body } = await validateToken(ctx, tokens, { token, service: 'prediction' });
 */
export async function validateToken(
  ctx: EngineContext,
  tokens: AccessTokens,
  body: { token: string; service?: string | null },
): Promise<{ status: 200; body: TokenValidationSuccess } | { status: 401; body: TokenValidationFailure }> {
  const checked = await tokens.verify(body.token);
  if ('problem' in checked) return { status: 401, body: { valid: false, error: checked.problem } };
  if (!ctx.store.platform.findUserById(checked.user.user_id)) return { status: 401, body: { valid: false, error: 'Invalid token' } };
  const { user } = checked;
  if (typeof body.service === 'string') {
    const needed = SERVICE_PERMISSION[body.service];
    if (needed === undefined || !user.permissions.includes(needed)) {
      return { status: 401, body: { valid: false, error: 'Token not valid for this service' } };
    }
  }
  return { status: 200, body: { valid: true, user_id: user.user_id, wallet_address: user.wallet_address, permissions: [...user.permissions] } };
}

/**
 * The caller of an organization endpoint from its `Authorization: Bearer <jwt>` header: no
 * or garbled header → 401 `Not authenticated`; a refused token → 401 with its reason.
 *
 * @example
 * const user = await authenticate(ctx, tokens, request.header('authorization'));
 */
export async function authenticate(ctx: EngineContext, tokens: AccessTokens, authorization: string | undefined): Promise<AuthenticatedUser> {
  const match = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
  if (!match) throw new EngineError('unauthorized', 'Not authenticated');
  const checked = await tokens.verify(match[1]!);
  if ('problem' in checked) throw new EngineError('unauthorized', checked.problem);
  // A token outliving its user (the store was reset) signs no one in.
  if (!ctx.store.platform.findUserById(checked.user.user_id)) throw new EngineError('unauthorized', 'Invalid token');
  return checked.user;
}
