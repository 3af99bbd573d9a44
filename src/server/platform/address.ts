import { getAddress } from 'viem/utils';
import { EngineError } from '../engine/errors';

const HEX_ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/**
 * The EIP-55 checksummed form of an address sent in any case: all lower-case and all
 * upper-case are accepted as is; mixed case must already be the checksum (a typo there is what
 * the checksum exists to catch). Anything else is a 400 naming `field`.
 *
 * @example
 * checksumAddress('0x742d35cc6634c0532925a3b844bc454e4438f44e'); // '0x742d35Cc6634C0532925a3b844Bc454e4438f44e'
 */
export function checksumAddress(value: string, field = 'wallet_address'): string {
  if (!HEX_ADDRESS.test(value)) throw badAddress(field, 'Must be a 0x-prefixed 20-byte hex address');
  const digits = value.slice(2);
  const checksummed = getAddress(value.toLowerCase());
  if (digits === digits.toLowerCase() || digits === digits.toUpperCase() || value === checksummed) return checksummed;
  throw badAddress(field, 'Mixed-case address with an invalid EIP-55 checksum');
}

/**
 * True when the address is in EIP-55 checksummed form (what an EIP-4361 message must carry).
 *
 * @example
 * isChecksummed('0x742d35Cc6634C0532925a3b844Bc454e4438f44e'); // true
 */
export function isChecksummed(value: string): boolean {
  return HEX_ADDRESS.test(value) && getAddress(value.toLowerCase()) === value;
}

function badAddress(field: string, message: string): EngineError {
  return new EngineError('invalid', 'Invalid request body', [{ field, message }]);
}
