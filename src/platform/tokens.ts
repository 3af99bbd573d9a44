import type { RequestOptions } from '../client/request-options';
import { requireId } from '../client/resources/require-id';
import type { PlatformContext } from './context';
import type { TokenValidation, TokenValidationFailure, ValidateTokenParams } from './types';

/**
 * Access-token checks for services (`auth.tokens`). Public: no admin token, no access token.
 *
 * @example
 * const result = await auth.tokens.validate(jwt, { service: 'prediction' });
 */
export interface TokensResource {
  /**
   * Asks the server whether a JWT it issued is good (for a service, optionally). Returns the
   * answer either way: `valid: true` with the user, or `valid: false` with `error`
   * (`'Token expired'`, `'Invalid token'`, `'Token not valid for this service'`). It throws only
   * when there is no answer (bad request, network, timeout, 5xx). The token never appears in an error.
   *
   * @example
   * const result = await auth.tokens.validate(jwt, { service: 'prediction' });
   * if (result.valid) console.log(result.user_id, result.permissions);
   * else console.warn(result.error); // 'Token expired'
   */
  validate(token: string, params?: ValidateTokenParams, options?: RequestOptions): Promise<TokenValidation>;
}

/** Builds `auth.tokens`. */
export function tokensResource({ api, transport }: PlatformContext): TokensResource {
  return {
    validate: async (token, params, options) => {
      requireId(token, 'token');
      // Checking a token changes nothing: retried like a GET.
      return transport.data(
        { name: 'tokens.validate', method: 'POST', safe: true, apiKey: token, isAnswer: isRefusedToken },
        options,
        (init) => api.POST('/api/v1/tokens/validate', { ...init, body: { ...params, token } }),
      ) as Promise<TokenValidation>;
    },
  };
}

/** A 401 whose body says `valid: false` is the answer; anything else (a proxy's 401) an error. */
const isRefusedToken = (_status: number, body: unknown) => (body as TokenValidationFailure | undefined)?.valid === false;
