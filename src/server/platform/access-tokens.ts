import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { Clock } from '../clock';
import { randomUuid } from '../engine/uuid';
import type { AuthenticatedUser } from './types';

/** The `iss` of every access token this server signs. */
export const TOKEN_ISSUER = 'hokusai-auth';
/** What a new access token grants. */
export const DEFAULT_PERMISSIONS: readonly string[] = ['predict', 'read'];
/** Default access-token lifetime: 24 hours. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 86_400;

/** Why a token was refused, in the public service's words. */
export type TokenProblem = 'Token expired' | 'Invalid token';

/**
 * Signs and checks access tokens: HS256 JWTs under the store's own secret, on the engine's
 * clock (so moving the clock expires them). Only HS256 is accepted: `alg: none`, RS256 and any
 * other algorithm are refused, which also rules out HS/RS key confusion.
 *
 * @example
 * const tokens = new AccessTokens(() => store.platform.jwtSecret(), clock, 86_400);
 * const { token } = await tokens.issue({ user_id, wallet_address, permissions: ['predict', 'read'] });
 * await tokens.verify(token); // { user: { user_id, … } }
 */
export class AccessTokens {
  readonly #secret: () => string;
  readonly #clock: Clock;
  readonly lifetimeSeconds: number;

  constructor(secret: () => string, clock: Clock, lifetimeSeconds = DEFAULT_TOKEN_LIFETIME_SECONDS) {
    this.#secret = secret;
    this.#clock = clock;
    this.lifetimeSeconds = lifetimeSeconds;
  }

  /** A signed token for the user, valid for `lifetimeSeconds` from the clock's now. */
  async issue(user: AuthenticatedUser): Promise<{ token: string; expiresIn: number }> {
    const now = Math.floor(this.#clock.now() / 1000);
    const token = await new SignJWT({ wallet_address: user.wallet_address, permissions: [...user.permissions] })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.user_id)
      .setIssuer(TOKEN_ISSUER)
      .setIssuedAt(now)
      .setExpirationTime(now + this.lifetimeSeconds)
      .setJti(randomUuid())
      .sign(this.#key());
    return { token, expiresIn: this.lifetimeSeconds };
  }

  /** The token's user, or why it is refused. Never throws for a bad token. */
  async verify(token: string): Promise<{ user: AuthenticatedUser } | { problem: TokenProblem }> {
    try {
      const { payload } = await jwtVerify(token, this.#key(), {
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        currentDate: new Date(this.#clock.now()),
        requiredClaims: ['sub', 'exp', 'iat', 'jti'],
      });
      const { sub, wallet_address: address, permissions } = payload;
      if (typeof sub !== 'string' || typeof address !== 'string' || !isStringList(permissions)) return { problem: 'Invalid token' };
      return { user: { user_id: sub, wallet_address: address, permissions } };
    } catch (error) {
      return { problem: error instanceof joseErrors.JWTExpired ? 'Token expired' : 'Invalid token' };
    }
  }

  #key(): Uint8Array {
    return hexBytes(this.#secret());
  }
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function hexBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}
