/**
 * A byte count in the unit it is computed in: KiB (1,024 bytes), with the exact bytes beside it.
 * "kB" would mean 1,000 bytes.
 *
 * @example
 * kib(6112); // '5.97 KiB (6112 B)'
 */
export const kib = (bytes: number): string => `${(bytes / 1024).toFixed(2)} KiB (${bytes} B)`;
