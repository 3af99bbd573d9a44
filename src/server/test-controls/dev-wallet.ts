import { keccak256, stringToBytes } from 'viem/utils';
import { privateKeyToAccount } from 'viem/accounts';
import type { Platform, RequestOrigin, SiweSession } from '../platform';

/**
 * A deterministic wallet for tests: the same seed always gives the same address, so a test can
 * sign in as "alice" in one call. For local testing only: its private key follows from its seed.
 *
 * @example
 * const alice = controls.wallet('alice');
 * const { access_token } = await alice.signIn();
 */
export interface DevWallet {
  /** The wallet's EIP-55 checksummed address. */
  readonly address: string;
  /** An EIP-191 (`personal_sign`) signature of `message`, as a wallet's `signMessage` gives. */
  signMessage(message: string): Promise<string>;
  /** Asks for a challenge, signs it and verifies it: a fresh session for this wallet's user. */
  signIn(): Promise<SiweSession>;
}

/** The origin an in-process sign-in names as its SIWE domain. */
export const IN_PROCESS_ORIGIN: RequestOrigin = { host: 'localhost', origin: 'http://localhost' };

/**
 * The dev wallet of `seed` (any non-empty text), signing in through `platform`.
 *
 * @example
 * const wallet = devWallet('alice', () => engine.platform);
 */
export function devWallet(seed: string, platform: () => Platform, origin: RequestOrigin = IN_PROCESS_ORIGIN): DevWallet {
  if (typeof seed !== 'string' || seed.length === 0 || seed.length > 200) throw new TypeError('wallet seed must be 1 to 200 characters');
  const account = privateKeyToAccount(keccak256(stringToBytes(`hokusai-dev-wallet:${seed}`)));
  const signMessage = (message: string) => account.signMessage({ message });
  return {
    address: account.address,
    signMessage,
    async signIn() {
      const { message } = platform().siweChallenge({ wallet_address: account.address }, origin);
      return platform().siweVerify({ message, signature: await signMessage(message) }, origin);
    },
  };
}
