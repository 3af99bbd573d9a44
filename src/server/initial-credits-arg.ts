import type { InitialCredits } from './engine';

/**
 * Parses `--initial-credits`: comma-separated `plan=usd` pairs (`free=1,pro=50`). Throws a
 * TypeError naming the bad part.
 *
 * @example
 * parseInitialCredits('free=1,pro=50'); // { free: 1, pro: 50 }
 */
export function parseInitialCredits(text: string): InitialCredits {
  const credits: Record<string, number> = {};
  for (const part of text.split(',')) {
    const match = /^\s*([^=\s]+)\s*=\s*(\d+(?:\.\d+)?)\s*$/.exec(part);
    if (!match) throw new TypeError(`--initial-credits takes plan=usd pairs such as free=1,pro=50 (got ${JSON.stringify(part)})`);
    credits[match[1]!] = Number(match[2]);
  }
  return credits;
}
