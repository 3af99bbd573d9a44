import { defineConfig } from 'vitest/config';

// In CI, also write a JSON report: .ci/run reads its totals for the closing line.
const reporters = process.env.CI ? ['default', ['json', { outputFile: 'reports/vitest.json' }]] : ['default'];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Type-level tests: `*.test-d.ts` files are checked by tsc and counted as tests.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    testTimeout: 20_000,
    hookTimeout: 60_000,
    reporters: reporters as never,
  },
});
