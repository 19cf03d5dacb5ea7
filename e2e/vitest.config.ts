import path from 'node:path';
import { defineConfig } from 'vitest/config';

/** Browser journeys: real server + built SPA + Debian Chromium. Run with `npx vitest run -c e2e/vitest.config.ts`. */
export default defineConfig({
  root: path.resolve(import.meta.dirname, '..'),
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 240_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
