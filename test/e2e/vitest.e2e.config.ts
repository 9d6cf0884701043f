import { defineConfig } from 'vitest/config';

// e2e: the built web host + Debian Chromium. `npm run test:e2e` builds first. One file at a time: the
// machine has two cores and each file runs a host, an engine worker and a browser.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
