// The wallet of `login --private-key-env`: a private key held in memory, signing with the same
// library the local server verifies with (viem). For development and tests only.
import { privateKeyToAccount } from 'viem/accounts';
import type { EthereumSigner } from '../platform';

const PRIVATE_KEY = /^(?:0x)?([0-9a-fA-F]{64})$/;

/**
 * The signer of a secp256k1 private key (32 bytes of hex, `0x` optional), or `undefined` when
 * `privateKey` is not one. The key never leaves this process: only signatures do.
 *
 * @example
 * const wallet = localWallet(process.env.DEV_WALLET_KEY ?? '');
 * if (wallet) await auth.signInWithEthereum(wallet);
 */
export function localWallet(privateKey: string): EthereumSigner | undefined {
  const hex = PRIVATE_KEY.exec(privateKey.trim())?.[1];
  if (hex === undefined) return undefined;
  try {
    const account = privateKeyToAccount(`0x${hex}`);
    return { address: account.address, signMessage: (message) => account.signMessage({ message }) };
  } catch {
    return undefined; // zero, or not below the curve order
  }
}
