import { defineConfig } from 'vitest/config';

// `npm run test:runtimes`: the built package on every runtime (test/runtimes/*.matrix.ts), one
// results table at the end. In CI the JSON report is added to the closing count by .ci/run.
const json = process.env.CI ? [['json', { outputFile: 'reports/runtimes.json' }]] : [];

export default defineConfig({
  test: {
    include: ['test/runtimes/**/*.matrix.ts'],
    globalSetup: ['test/runtimes/harness/project.ts'],
    // One runtime at a time: each check starts its own processes, and timings (Retry-After) stay honest.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    reporters: ['default', './test/runtimes/harness/table-reporter.ts', ...json] as never,
  },
});
