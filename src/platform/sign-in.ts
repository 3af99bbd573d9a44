import { ConfigurationError } from '../client/errors/configuration-error';
import type { RequestOptions } from '../client/request-options';
import type { SiweResource } from './siwe';
import type { SiweSession } from './types';

/**
 * The wallet to sign in with: its address and its own `signMessage` (EIP-191 `personal_sign`).
 * Any wallet fits in one line, so the SDK itself needs no wallet library.
 *
 * @example
 * // viem
 * const wallet: EthereumSigner = { address: account.address, signMessage: (message) => walletClient.signMessage({ account, message }) };
 * // ethers
 * const wallet: EthereumSigner = { address: await signer.getAddress(), signMessage: (message) => signer.signMessage(message) };
 * // an injected browser wallet (EIP-1193)
 * const [address] = await window.ethereum.request({ method: 'eth_requestAccounts' });
 * const wallet: EthereumSigner = { address, signMessage: (message) => window.ethereum.request({ method: 'personal_sign', params: [message, address] }) };
 */
export interface EthereumSigner {
  /** The wallet's address (`0x` + 40 hex digits, checksummed or not). */
  address: string;
  /** Signs `message` as EIP-191 personal message and resolves to the `0x…` signature. */
  signMessage(message: string): Promise<string> | string;
}

// 65 bytes (r, s, v) as most wallets give them; other lengths go to the server, which names the field.
const HEX_SIGNATURE = /^0x[0-9a-fA-F]+$/;

/**
 * Runs both SIWE steps: asks for the challenge, has the wallet sign it, sends the signature.
 * An error of the wallet (the user refused to sign) is passed on unchanged.
 */
export async function signInWithEthereum(siwe: SiweResource, wallet: EthereumSigner, options?: RequestOptions): Promise<SiweSession> {
  if (typeof wallet?.signMessage !== 'function') {
    throw new ConfigurationError('signInWithEthereum needs { address, signMessage }: signMessage must be the wallet\'s signing function');
  }
  const { message } = await siwe.challenge({ wallet_address: wallet.address }, options);
  const signature: unknown = await wallet.signMessage(message);
  if (typeof signature !== 'string' || !HEX_SIGNATURE.test(signature)) {
    throw new ConfigurationError('signMessage must resolve to the signature as a 0x-prefixed hex string');
  }
  return siwe.verify({ message, signature }, options);
}
