import type { RequestOptions } from '../client/request-options';
import type { PlatformContext } from './context';
import type { SiweChallenge, SiweChallengeParams, SiweSession, SiweVerifyParams } from './types';

/**
 * Sign-In with Ethereum, step by step (`auth.siwe`). Most apps call `auth.signInWithEthereum()`,
 * which runs both steps with the wallet's own signer.
 *
 * @example
 * const { message } = await auth.siwe.challenge({ wallet_address: address });
 * const signature = await wallet.signMessage(message);
 * const { access_token } = await auth.siwe.verify({ message, signature });
 */
export interface SiweResource {
  /**
   * Asks for an EIP-4361 message to sign. Its nonce lives 5 minutes and works once.
   * Throws `BadRequestError` for a malformed address.
   *
   * @example
   * const { message, nonce } = await auth.siwe.challenge({ wallet_address: '0x742d35Cc6634C0532925a3b844Bc9e7595f2bD18' });
   */
  challenge(params: SiweChallengeParams, options?: RequestOptions): Promise<SiweChallenge>;

  /**
   * Sends the signed message and gets the access token (a JWT). The first sign-in of an address
   * creates its user (`is_new_user: true`). Throws `AuthenticationError` (401) when the message
   * or signature is refused (wrong domain, used or expired nonce, another wallet's signature).
   * Not retried: the nonce is spent by the first attempt that arrives.
   *
   * @example
   * const session = await auth.siwe.verify({ message, signature });
   * const signedIn = auth.withAccessToken(session.access_token);
   */
  verify(params: SiweVerifyParams, options?: RequestOptions): Promise<SiweSession>;
}

/** Builds `auth.siwe`. */
export function siweResource({ api, transport }: PlatformContext): SiweResource {
  return {
    // A challenge only mints a nonce that expires unused: safe to retry.
    challenge: async (body, options) =>
      transport.data({ name: 'siwe.challenge', method: 'POST', safe: true }, options, (init) =>
        api.POST('/auth/siwe/challenge', { ...init, body }),
      ),
    verify: async (body, options) =>
      transport.data({ name: 'siwe.verify', method: 'POST' }, options, (init) => api.POST('/auth/siwe/verify', { ...init, body })),
  };
}
