import { defineConfig } from 'vitest/config';

// e2e: the built web host + Debian Chromium. `npm run test:e2e` builds first. One file at a time: the
// machine has two cores and each file runs a host, an engine worker and a browser; whole-feature specs
// (import, cluster, report) take 60-100 s on a busy machine, hence the generous timeout.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
