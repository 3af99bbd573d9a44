// Sizes are stated in the unit they are computed in: bytes / 1024 is KiB, not kB.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kib } from '../../scripts/lib/units';

describe('size units', () => {
  it('prints bytes / 1024 as KiB with the exact byte count', () => {
    expect(kib(6112)).toBe('5.97 KiB (6112 B)');
    expect(kib(6 * 1024)).toBe('6.00 KiB (6144 B)');
  });

  it('the README states sizes in KiB, never kB', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme.match(/\d\s?kB\b/g) ?? []).toEqual([]);
    expect(readme).toMatch(/\d\.\d\d KiB\*{0,2} min\+gzip/);
  });
});
