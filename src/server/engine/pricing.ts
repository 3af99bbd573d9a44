/**
 * Money of the stub: amounts are held as integer micro-dollars (USD × 1 000 000), so no sum
 * of debits, credits or overage ever drifts the way binary fractions of a dollar would. They
 * become USD numbers only on the wire.
 */

/** Micro-dollars in one US dollar. */
export const MICROS_PER_USD = 1_000_000;

/**
 * The price of one prediction in micro-dollars (USD 0.001): what a debit takes per prediction
 * and what billing charges per prediction over a monthly limit (the spec's `overage_charges`;
 * test/contract/spec-constants.test.ts holds the two equal).
 *
 * @example
 * const cost = 3 * PRICE_PER_PREDICTION_MICROS; // 3000 micro-dollars = USD 0.003
 */
export const PRICE_PER_PREDICTION_MICROS = 1_000;

/**
 * The price of one prediction in USD.
 *
 * @example
 * PRICE_PER_PREDICTION_USD; // 0.001
 */
export const PRICE_PER_PREDICTION_USD = PRICE_PER_PREDICTION_MICROS / MICROS_PER_USD;

/** Integer micro-dollars as a USD number (`999000` → `0.999`). */
export function usdFromMicros(micros: number): number {
  return micros / MICROS_PER_USD;
}

/** A USD amount as integer micro-dollars, rounded to the nearest micro-dollar. */
export function microsFromUsd(usd: number): number {
  return Math.round(usd * MICROS_PER_USD);
}

/** Micro-dollars as USD with two decimals, cut (not rounded) so it never shows more than there is. */
export function formatUsd(micros: number): string {
  const cents = Math.trunc(micros / 10_000);
  return `${Math.trunc(cents / 100)}.${String(Math.abs(cents % 100)).padStart(2, '0')}`;
}
