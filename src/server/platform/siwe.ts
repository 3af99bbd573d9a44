import { recoverMessageAddress } from 'viem/utils';
import { createSiweMessage, parseSiweMessage } from 'viem/siwe';
import { EngineError } from '../engine/errors';
import type { EngineContext } from '../engine/context';
import { randomSecretHex } from '../store/random-secret';
import { checksumAddress, isChecksummed } from './address';
import type { RequestOrigin, SiweChallenge } from './types';

/** How long a challenge's nonce (and the message's Expiration Time) lasts. */
export const NONCE_LIFETIME_MS = 5 * 60 * 1000;
/** The statement of every challenge. */
export const SIWE_STATEMENT = 'Sign in to Hokusai';
const SIGNATURE = /^0x[0-9a-fA-F]{130}$/;

/**
 * Every reason a signed message is refused (401), each with its own text.
 *
 * @example
 * SIWE_ERRORS.usedNonce; // 'Nonce already used'
 */
export const SIWE_ERRORS = {
  notSiwe: 'Invalid SIWE message',
  wrongDomain: 'SIWE message domain does not match this server',
  unknownNonce: 'Unknown nonce',
  usedNonce: 'Nonce already used',
  expiredNonce: 'Nonce expired',
  otherAddress: 'Nonce was not issued for this address',
  expiredMessage: 'SIWE message expired',
  notYetValid: 'SIWE message not yet valid',
  badSignature: "Signature does not match the message's address",
} as const;

/**
 * An EIP-4361 message for the address, with a fresh nonce that lives five minutes and is bound
 * to that address.
 *
 * @example
 * const { message, nonce } = siweChallenge(ctx, { wallet_address: '0x742d…' }, { host: 'localhost', origin: 'http://localhost' });
 */
export function siweChallenge(ctx: EngineContext, body: { wallet_address: string }, origin: RequestOrigin, chainId = 1): SiweChallenge {
  const address = checksumAddress(body.wallet_address);
  const now = ctx.clock.now();
  const nonce = randomSecretHex(16);
  const expiresAt = now + NONCE_LIFETIME_MS;
  ctx.store.platform.insertNonce({ nonce, wallet_address: address, issued_at: now, expires_at: expiresAt, used: false });
  const message = createSiweMessage({
    address: address as `0x${string}`,
    chainId,
    domain: origin.host,
    nonce,
    uri: origin.origin,
    version: '1',
    statement: SIWE_STATEMENT,
    issuedAt: new Date(now),
    expirationTime: new Date(expiresAt),
  });
  return { message, nonce };
}

/**
 * Checks a signed challenge in order: the message is EIP-4361, names this server's host, its
 * nonce was issued here for its address, is unused (and is used up now) and live, the message
 * has not expired, and the EIP-191 signature recovers its address. Returns the checksummed
 * address; each failure is a 401 with its own text.
 *
 * @example
 * const address = await checkSignedMessage(ctx, { message, signature }, origin);
 */
export async function checkSignedMessage(ctx: EngineContext, body: { message: string; signature: string }, origin: RequestOrigin): Promise<string> {
  if (!SIGNATURE.test(body.signature)) {
    throw new EngineError('invalid', 'Invalid request body', [{ field: 'signature', message: 'Must be a 0x-prefixed 65-byte hex signature' }]);
  }
  const parsed = parseSiweMessage(body.message);
  const { address, domain, nonce, uri, version, chainId, issuedAt } = parsed;
  if (!address || !domain || !nonce || !uri || version !== '1' || chainId === undefined || !issuedAt || !isChecksummed(address)) {
    throw new EngineError('unauthorized', SIWE_ERRORS.notSiwe, [{ field: 'message', message: 'Not an EIP-4361 message' }]);
  }
  if (domain !== origin.host) throw refused('wrongDomain');
  const issued = ctx.store.platform.consumeNonce(nonce);
  if (!issued) throw refused('unknownNonce');
  if (issued.used) throw refused('usedNonce');
  if (issued.wallet_address.toLowerCase() !== address.toLowerCase()) throw refused('otherAddress');
  const now = ctx.clock.now();
  if (now >= issued.expires_at) throw refused('expiredNonce');
  if (parsed.expirationTime && now >= parsed.expirationTime.getTime()) throw refused('expiredMessage');
  if (parsed.notBefore && now < parsed.notBefore.getTime()) throw refused('notYetValid');
  const recovered = await recoverSigner(body.message, body.signature as `0x${string}`);
  if (recovered?.toLowerCase() !== address.toLowerCase()) throw refused('badSignature');
  return address;
}

async function recoverSigner(message: string, signature: `0x${string}`): Promise<string | undefined> {
  try {
    return await recoverMessageAddress({ message, signature });
  } catch {
    // Not a point on the curve, a bad recovery id: no signer.
    return undefined;
  }
}

function refused(reason: keyof typeof SIWE_ERRORS): EngineError {
  return new EngineError('unauthorized', SIWE_ERRORS[reason]);
}
