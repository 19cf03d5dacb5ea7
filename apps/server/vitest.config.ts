import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', '../../packages/contract/src/**/*.test.ts'],
    // Several server processes on one database need PostgreSQL: PGlite allows one process per data
    // directory, so this file is not part of the PGlite run (rather than a file of skipped tests).
    exclude: [...configDefaults.exclude, ...(process.env.TEST_DB === 'pg' ? [] : ['test/multi-instance.test.ts'])],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
