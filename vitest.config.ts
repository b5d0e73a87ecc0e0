import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Tests must not depend on the machine's zone: dates are parsed in Asia/Ho_Chi_Minh explicitly.
    env: { TZ: 'America/New_York' },
  },
});
