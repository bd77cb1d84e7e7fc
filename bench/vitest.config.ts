import { defineConfig } from 'vitest/config';

/** `npm run bench`: measurements, each against a baseline taken in the same run; results in bench/results/. */
export default defineConfig({
  test: {
    include: ['bench/**/*.bench.ts'],
    testTimeout: 600_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    reporters: ['default'],
  },
});
